// The report sink's HTTPS intake driven by curl: self-made and real (corpus) reports POSTed,
// stored files and index entries asserted; duplicates, quarantine, 413/415/400.
#include <gtest/gtest.h>

#include <memory>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "fakemx/sink/sink.hpp"
#include "tests/fakemx_web/test_pki.hpp"
#include "tests/fakemx_web/test_reports.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using fakemx::sink::Verdict;

class SinkHttps : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
    dir_ = make_temp_dir("sink-https");
    write_file(dir_ / "ca.pem", ca_.ca_pem());
    fakemx::sink::SinkConfig config;
    config.dir = dir_ / "store";
    config.https_address = random_loopback();
    config.inflate = {1u << 20, 100};
    config.http_limits.body_limit = 256 * 1024;
    sink_ = std::make_unique<fakemx::sink::Sink>(config);
    sink_->set_identity("reports.test", ca_.identity("reports.test"));
    sink_->start();
  }
  void TearDown() override {
    sink_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  CurlResult post(const std::string& bytes, const std::string& content_type, const std::string& path = "/v1/tlsrpt") {
    const fs::path body = dir_ / ("body-" + std::to_string(posted_++));
    write_file(body, bytes);
    return curl("reports.test", sink_->https_port(), sink_->config().https_address, path, dir_ / "ca.pem",
                {"-X", "POST", "-H", "Content-Type: " + content_type, "--data-binary", "@" + body.string()});
  }
  std::size_t files_in(const char* sub) {
    std::size_t n = 0;
    for (const auto& f : fs::directory_iterator(dir_ / "store" / sub))
      if (f.path().string().find(".meta.json") == std::string::npos) ++n;
    return n;
  }

  TestPki ca_;
  fs::path dir_;
  std::unique_ptr<fakemx::sink::Sink> sink_;
  int posted_ = 0;
};

TEST_F(SinkHttps, GzipReportIsStoredIndexedAndAcknowledged201) {
  const std::string gz = make_report_gzip("2026-03-01T00:00:00Z_example.test@sender.test");
  const auto r = post(gz, "application/tlsrpt+gzip");
  ASSERT_EQ(r.status, 201) << r.body << r.err;
  EXPECT_NE(r.body.find("\"verdict\":\"valid\""), std::string::npos) << r.body;

  const auto entries = sink_->entries();
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.verdict, Verdict::valid);
  EXPECT_EQ(e.report_id, "2026-03-01T00:00:00Z_example.test@sender.test");
  EXPECT_EQ(e.submitter, "Test Sender Inc.");
  EXPECT_EQ(e.remote_ip.rfind("127.", 0), 0u) << e.remote_ip;
  EXPECT_EQ(e.policy_domains, std::vector<std::string>{"example.test"});
  EXPECT_EQ(e.successful_sessions, 100);
  EXPECT_EQ(e.failed_sessions, 7);
  EXPECT_EQ(e.result_counts.at("certificate-expired"), 5);
  EXPECT_EQ(e.result_counts.at("starttls-not-supported"), 2);
  EXPECT_EQ(e.media_type, "application/tlsrpt+gzip");
  EXPECT_EQ(read_file(dir_ / "store" / e.raw_path), gz);
  EXPECT_EQ(e.raw_path.rfind("reports/", 0), 0u);

  const std::string index = read_file(dir_ / "store" / "index.jsonl");
  EXPECT_NE(index.find("\"report_id\":\"2026-03-01T00:00:00Z_example.test@sender.test\""), std::string::npos);
  const auto listed = curl("reports.test", sink_->https_port(), sink_->config().https_address, "/_sink/index",
                           dir_ / "ca.pem");
  EXPECT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("\"stored\":1"), std::string::npos) << listed.body;
  EXPECT_NE(listed.body.find("certificate-expired"), std::string::npos);
}

TEST_F(SinkHttps, DuplicatesAreKeptOnceAndCounted) {
  const std::string json = make_report_json("dup-1@sender.test");
  EXPECT_EQ(post(json, "application/tlsrpt+json").status, 201);
  const auto again = post(json, "application/tlsrpt+json");
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos);
  EXPECT_EQ(post(gzip_compress(json), "application/tlsrpt+gzip").status, 200);
  // Same report-id from another submitter is another report.
  EXPECT_EQ(post(make_report_json("dup-1@sender.test", "Other Org"), "application/tlsrpt+json").status, 201);

  const auto counts = sink_->counts();
  EXPECT_EQ(counts.stored, 2u);
  EXPECT_EQ(counts.duplicates, 2u);
  EXPECT_EQ(files_in("reports"), 2u);
  EXPECT_EQ(sink_->entries()[0].duplicates, 2u);
}

TEST_F(SinkHttps, LabelsAreCheckedAndBodiesSniffed) {
  EXPECT_EQ(post(make_report_gzip("sniff-1"), "application/octet-stream").status, 201);
  EXPECT_EQ(post(make_report_json("sniff-2"), "application/tlsrpt+gzip").status, 201);  // mislabelled: warning
  EXPECT_EQ(post(make_report_json("html-1"), "text/html").status, 415);
  const auto entries = sink_->entries();
  ASSERT_EQ(entries.size(), 2u);
  ASSERT_FALSE(entries[1].findings.empty());
  EXPECT_EQ(entries[1].findings[0].where, "sink:content-type");
}

TEST_F(SinkHttps, NonReportsAndInvalidReportsAreQuarantinedWithFindings) {
  const auto junk = post("this is not a report", "application/tlsrpt+json");
  EXPECT_EQ(junk.status, 400);
  Report bad = make_report("invalid-1");
  bad.date_range.start_datetime = "yesterday";  // not an RFC 3339 date-time
  const auto invalid = post(emit_json(bad), "application/tlsrpt+json");
  EXPECT_EQ(invalid.status, 200) << invalid.body;
  EXPECT_NE(invalid.body.find("\"verdict\":\"invalid\""), std::string::npos) << invalid.body;

  const auto entries = sink_->entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].verdict, Verdict::not_a_report);
  EXPECT_EQ(entries[1].verdict, Verdict::invalid);
  for (const auto& e : entries) {
    EXPECT_EQ(e.raw_path.rfind("quarantine/", 0), 0u);
    EXPECT_FALSE(e.findings.empty());
    EXPECT_TRUE(fs::exists(dir_ / "store" / e.raw_path));
  }
  EXPECT_EQ(read_file(dir_ / "store" / entries[0].raw_path), "this is not a report");
  EXPECT_EQ(sink_->counts().quarantined, 2u);
}

TEST_F(SinkHttps, GzipBombAndOversizedBodiesAre413) {
  const std::string bomb = gzip_compress(std::string(50u << 20, ' '), 9);
  ASSERT_LT(bomb.size(), 256u * 1024);
  const auto r = post(bomb, "application/tlsrpt+gzip");
  EXPECT_EQ(r.status, 413) << r.body;
  ASSERT_EQ(sink_->entries().size(), 1u);
  EXPECT_EQ(sink_->entries()[0].verdict, Verdict::too_large);

  const auto big = post(std::string(300 * 1024, '{'), "application/tlsrpt+json");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(sink_->entries().size(), 1u);  // refused before it was read, nothing to keep
}

TEST_F(SinkHttps, RealCorpusReportsAreAllKept) {
  TLSRPT_REQUIRE_SHARED(shared);
  std::size_t sent = 0;
  for (const auto& file : fs::recursive_directory_iterator(shared / "corpus")) {
    const std::string name = file.path().filename().string();
    const bool gz = name.ends_with(".json.gz");
    if (!gz && !name.ends_with(".json")) continue;
    const std::string bytes = read_file(file.path());
    const auto r = post(bytes, gz ? "application/tlsrpt+gzip" : "application/tlsrpt+json");
    EXPECT_TRUE(r.status == 201 || r.status == 200 || r.status == 400) << name << ": " << r.status << r.body;
    ++sent;
  }
  ASSERT_GT(sent, 10u);
  const auto entries = sink_->entries();
  const auto counts = sink_->counts();
  EXPECT_EQ(counts.stored + counts.quarantined + counts.duplicates, sent);
  for (const auto& e : entries) {
    EXPECT_TRUE(fs::exists(dir_ / "store" / e.raw_path)) << e.raw_path;
    if (e.verdict != Verdict::valid) {
      EXPECT_FALSE(e.findings.empty()) << e.raw_path;
    }
  }
  EXPECT_GT(counts.stored + counts.quarantined, 5u);
}

}  // namespace
}  // namespace tlsrpt::test
