// `tlsrpt-lab load` into the project's report sink (`tlsrpt-lab mx --sink --sink-https`), over
// HTTPS with keep-alive and over SMTP with STARTTLS, both verified against the sink's CA, with the
// ledger reconciled exactly against the sink's own GET /_sink/index.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "generators/transport/report_client.hpp"
#include "tests/generators/helpers.hpp"
#include "tests/generators/peers.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::gen {
namespace {

namespace fs = std::filesystem;
using Ids = std::map<std::string, int>;  // report-id -> how many times

class LoadIntoSink : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tlsrpt::test::make_temp_dir("load-sink");
    sink_ = std::make_unique<test::LabSink>(dir_);
    ASSERT_TRUE(sink_->ready()) << sink_->banner;
  }
  void TearDown() override {
    sink_.reset();
    fs::remove_all(dir_);
  }
  std::string https_url() const { return "https://" + sink_->https_name + ":" + std::to_string(sink_->https_port) + "/v1/tlsrpt"; }
  std::string smtp_url() const { return "smtp://" + sink_->mx_name + ":" + std::to_string(sink_->smtp_port); }

  // Report ids in the ledger (every line must have `status`), counted.
  static Ids ledger_ids(const fs::path& ledger, int status) {
    Ids ids;
    std::istringstream lines(test::read_file(ledger.string()));
    for (std::string line; std::getline(lines, line);) {
      const auto j = nlohmann::json::parse(line);
      EXPECT_EQ(j["status"], status) << line;
      ++ids[j["report-id"].get<std::string>()];
    }
    return ids;
  }
  // Report ids the sink stored for `transport`, as its index lists them.
  Ids sink_ids(const std::string& transport) const {
    transport::HttpsClient client({sink_->https_name, sink_->https_port, "/", sink_->https_address},
                                  {sink_->ca_file, false}, std::chrono::seconds(30));
    client.set_max_body(64u << 20);
    const auto r = client.get("/_sink/index");
    EXPECT_FALSE(r.body_truncated);
    EXPECT_EQ(r.status, 200) << r.error;
    Ids ids;
    const auto index = nlohmann::json::parse(r.body);
    for (const auto& e : index["entries"]) {
      if (e["transport"] != transport) continue;
      EXPECT_EQ(e["verdict"], "valid") << e.dump();
      ++ids[e["report_id"].get<std::string>()];
    }
    return ids;
  }

  // Loads `count` valid reports (verified TLS), then every ledger line has `status` and the
  // ledger's report ids are exactly the ids the sink lists for `transport`, once each.
  void load_and_reconcile(const std::string& url, const std::string& address, int count, int status,
                          const std::string& transport) {
    const auto ledger = dir_ / "ledger.jsonl";
    const auto r = tlsrpt::test::run_lab({"load", url, "--address", address, "--cacert", sink_->ca_file, "--count",
                                          std::to_string(count), "--concurrency", "4", "--seed", "5", "--personality",
                                          "strict-rfc,google", "--domain-count", std::to_string(count), "--ledger",
                                          ledger.string(), "--no-live"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["sent"], count);
    EXPECT_EQ(summary["accepted"], count);
    EXPECT_EQ(summary["by_status"][std::to_string(status)], count);
    const Ids sent = ledger_ids(ledger, status);
    EXPECT_EQ(sent.size(), static_cast<std::size_t>(count));
    EXPECT_EQ(sent, sink_ids(transport));
  }

  fs::path dir_;
  std::unique_ptr<test::LabSink> sink_;
};

TEST_F(LoadIntoSink, HttpsLedgerReconcilesWithTheSinkIndex) {
  load_and_reconcile(https_url(), sink_->https_address, 300, 201, "https");
}

TEST_F(LoadIntoSink, SmtpLedgerReconcilesWithTheSinkIndex) {
  load_and_reconcile(smtp_url(), sink_->smtp_address, 60, 250, "smtp");
}

TEST_F(LoadIntoSink, MalformedReportsAreCountedByStatus) {
  const auto r = tlsrpt::test::run_lab({"load", https_url(), "--address", sink_->https_address, "--cacert",
                                        sink_->ca_file, "--count", "20", "--malform", "gzip-truncated", "--no-live"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["sent"], 20);
  EXPECT_EQ(summary["rejected"], 20);
  EXPECT_EQ(summary["errors"], 0);
  EXPECT_EQ(summary["by_status"]["400"], 20) << r.out;
}

TEST_F(LoadIntoSink, CertificateForAnotherNameIsATransportErrorUnlessInsecure) {
  // By address, the sink's certificate (issued to its name only) does not match.
  const auto by_ip = "https://" + sink_->https_address + ":" + std::to_string(sink_->https_port) + "/v1/tlsrpt";
  const auto strict = tlsrpt::test::run_lab({"load", by_ip, "--cacert", sink_->ca_file, "--count", "3", "--no-live"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out << strict.err;
  const auto summary = nlohmann::json::parse(strict.out);
  EXPECT_EQ(summary["errors"], 3);
  EXPECT_EQ(summary["errors_by_kind"]["TLS handshake: certificate verify failed: IP address mismatch"], 3) << strict.out;
  const auto insecure = tlsrpt::test::run_lab({"load", by_ip, "--insecure", "--count", "3", "--no-live"});
  EXPECT_EQ(insecure.exit_code, 0) << insecure.out << insecure.err;
}

TEST_F(LoadIntoSink, SmtpVerifiesTheMxCertificate) {
  // The MX's certificate comes from the sink's own CA, which the system store does not know.
  const auto r = tlsrpt::test::run_lab({"load", smtp_url(), "--address", sink_->smtp_address, "--count", "2",
                                        "--no-live", "--timeout", "20"});  // no --cacert: the system store
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("certificate verify failed"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tlsrpt::gen
