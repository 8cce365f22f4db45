// `tlsrpt-lab mx` through the real binary: flags, printed addresses and CA file, real clients
// against the hosts and the attacker, transcripts, and a clean stop on SIGTERM / SIGINT.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "tests/fakemx_smtp/child.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace {

namespace fs = std::filesystem;
using tlsrpt::fakemx::test::Child;
using tlsrpt::fakemx::test::random_loopback;
using tlsrpt::test::ProcessResult;

std::string both(const ProcessResult& r) { return r.out + r.err; }

struct Running {
  std::map<std::string, std::string> mx;        // host -> 127.x.y.z:port
  std::map<std::string, std::string> attacker;  // host -> 127.x.y.z:port
  std::string ca_file;
};

// Reads the banner up to "ready".
Running read_banner(Child& child) {
  Running r;
  while (auto line = child.line()) {
    std::istringstream in(*line);
    std::string kind, name, url;
    in >> kind >> name >> url;
    if (kind == "ready") break;
    if (kind == "ca-file") r.ca_file = name;
    if (url.rfind("smtp://", 0) == 0) (kind == "mx" ? r.mx : r.attacker)[name] = url.substr(7);
  }
  return r;
}

std::pair<std::string, std::string> split_endpoint(const std::string& endpoint) {
  const auto colon = endpoint.rfind(':');
  return {endpoint.substr(0, colon), endpoint.substr(colon + 1)};
}

class MxCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!tlsrpt::test::have_program("swaks") || !tlsrpt::test::have_program("openssl"))
      GTEST_SKIP() << "swaks and openssl are needed";
    dir_ = tlsrpt::test::make_temp_dir("fakemx-mx-cmd");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MxCommandTest, ServesProfilesFaultsAndAttackerThenStopsOnSigterm) {
  Child mx({tlsrpt::test::binary().string(), "mx",
            "--host", "mx1.example.test=" + random_loopback() + ",profile=valid",
            "--host", "mx2.example.test=" + random_loopback() + ",profile=expired,key=rsa",
            "--host", "mx3.example.test=" + random_loopback() + ",fault=starttls-not-advertised",
            "--attacker", "mx1.example.test=" + random_loopback() + ",mode=strip-starttls",
            "--dir", (dir_ / "run").string(), "--transcripts", (dir_ / "tr").string(), "--duration", "240"});
  const Running run = read_banner(mx);
  ASSERT_EQ(run.mx.size(), 3u) << mx.rest();
  ASSERT_EQ(run.attacker.size(), 1u);
  EXPECT_EQ(run.ca_file, (dir_ / "run" / "ca.pem").string());
  ASSERT_TRUE(fs::exists(run.ca_file));
  EXPECT_EQ(fs::status(dir_ / "run" / "mx2.example.test.key").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  auto s_client = [&](const std::string& host) {
    return tlsrpt::test::run_process({"openssl", "s_client", "-starttls", "smtp", "-connect", run.mx.at(host),
                                      "-verify_hostname", host, "-CAfile", run.ca_file, "-verify_return_error"},
                                     "QUIT\r\n", std::chrono::seconds(60));
  };
  auto good = s_client("mx1.example.test");
  EXPECT_EQ(good.exit_code, 0) << both(good);
  auto expired = s_client("mx2.example.test");
  EXPECT_NE(both(expired).find("num=10:certificate has expired"), std::string::npos) << both(expired);

  auto swaks = [&](const std::string& endpoint) {
    const auto [address, port] = split_endpoint(endpoint);
    return tlsrpt::test::run_process({"swaks", "--server", address, "--port", port, "--to", "a@example.test",
                                      "--from", "b@sender.test", "--tls", "--timeout", "30"},
                                     {}, std::chrono::seconds(60));
  };
  auto hidden = swaks(run.mx.at("mx3.example.test"));
  EXPECT_NE(both(hidden).find("Host did not advertise STARTTLS"), std::string::npos) << both(hidden);
  auto stripped = swaks(run.attacker.at("mx1.example.test"));
  EXPECT_NE(both(stripped).find("Host did not advertise STARTTLS"), std::string::npos) << both(stripped);
  auto delivered = swaks(run.mx.at("mx1.example.test"));
  EXPECT_EQ(delivered.exit_code, 0) << both(delivered);

  EXPECT_EQ(mx.stop(SIGTERM), 0);
  const std::string tail = mx.rest();
  EXPECT_NE(tail.find("stats mx1.example.test sessions=3 tls=2 tls_failures=0 messages=1"), std::string::npos) << tail;

  std::size_t transcripts = 0;
  bool saw_tls = false;
  for (const auto& entry : fs::directory_iterator(dir_ / "tr")) {
    ++transcripts;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    saw_tls = saw_tls || text.find("* TLS established") != std::string::npos;
  }
  EXPECT_GE(transcripts, 5u);
  EXPECT_TRUE(saw_tls);
}

TEST_F(MxCommandTest, SinkStoresMailFromEveryHostAndTakesHttps) {
  const std::string sink_name = "reports.example.test";
  Child mx({tlsrpt::test::binary().string(), "mx", "--host", "mx.example.test=" + random_loopback(),
            "--sink", (dir_ / "sink").string(), "--sink-https", sink_name + "=" + random_loopback(),
            "--dir", (dir_ / "run").string(), "--duration", "120"});
  std::string sink_endpoint;
  Running run;
  while (auto line = mx.line()) {
    if (line->rfind("sink https://", 0) == 0) sink_endpoint = line->substr(line->rfind(' ') + 1);
    std::istringstream in(*line);
    std::string kind, name, url;
    in >> kind >> name >> url;
    if (kind == "ready") break;
    if (kind == "ca-file") run.ca_file = name;
    if (kind == "mx") run.mx[name] = url.substr(7);
  }
  ASSERT_EQ(run.mx.size(), 1u);
  ASSERT_FALSE(sink_endpoint.empty());
  const auto [address, port] = split_endpoint(run.mx.begin()->second);
  auto mail = tlsrpt::test::run_process({"swaks", "--server", address, "--port", port, "--to", "tlsrpt@example.test",
                                         "--from", "reports@sender.test", "--body", "not a report", "--timeout", "30"},
                                        {}, std::chrono::seconds(60));
  EXPECT_NE(mail.out.find("<-  250"), std::string::npos) << both(mail);  // acknowledged after storing
  if (tlsrpt::test::have_program("curl")) {
    const auto [https_address, https_port] = split_endpoint(sink_endpoint);
    auto post = tlsrpt::test::run_process(
        {"curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", run.ca_file, "--resolve",
         sink_name + ":" + https_port + ":" + https_address, "-H", "Content-Type: application/tlsrpt+json",
         "--data-binary", "{}", "https://" + sink_name + ":" + https_port + "/"},
        {}, std::chrono::seconds(60));
    EXPECT_EQ(post.exit_code, 0) << both(post);  // TLS verified against the printed CA file
    EXPECT_FALSE(post.out.empty());
  }
  EXPECT_EQ(mx.stop(SIGTERM), 0);
  std::ifstream index(dir_ / "sink" / "index.jsonl");
  std::string first;
  ASSERT_TRUE(std::getline(index, first)) << "the sink index is empty";
  EXPECT_NE(first.find("\"transport\":\"smtp\""), std::string::npos) << first;  // the swaks mail, kept
}

TEST_F(MxCommandTest, StopsCleanlyOnSigint) {
  Child mx({tlsrpt::test::binary().string(), "mx", "--host", "mx.example.test=" + random_loopback(),
            "--dir", (dir_ / "run").string(), "--duration", "120"});
  const Running run = read_banner(mx);
  ASSERT_EQ(run.mx.size(), 1u);
  EXPECT_EQ(mx.stop(SIGINT), 0);
}

TEST_F(MxCommandTest, BadFlagsAreUsageErrors) {
  auto r = tlsrpt::test::run_lab({"mx", "--host", "mx.example.test=10.1.2.3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("only loopback addresses"), std::string::npos) << both(r);
  r = tlsrpt::test::run_lab({"mx", "--host", "mx.example.test=127.0.0.9,profile=bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown certificate profile 'bogus'"), std::string::npos) << both(r);
  r = tlsrpt::test::run_lab({"mx", "--host", "mx.example.test=127.0.0.9,fault=nope"});
  EXPECT_NE(r.err.find("unknown fault 'nope'"), std::string::npos) << both(r);
  r = tlsrpt::test::run_lab({"mx"});
  EXPECT_EQ(r.exit_code, 2);
  r = tlsrpt::test::run_lab({"mx", "--list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("starttls-454"), std::string::npos);
  EXPECT_NE(r.out.find("strip-starttls"), std::string::npos);
}

}  // namespace
