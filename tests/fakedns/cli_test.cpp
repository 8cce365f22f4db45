// `tlsrpt-lab dns` as a user runs it: a zone file, a listen address, DNSSEC, the anchor file, the
// query log, the control endpoint, and a clean stop on SIGTERM and SIGINT.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <regex>

#include "tests/fakedns/dns_fixture.hpp"
#include "tests/support/lab_process.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

using ::testing::HasSubstr;

class DnsCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("dig")) GTEST_SKIP() << "dig is not installed";
    dir_ = make_temp_dir("dnscli");
    std::ofstream(dir_ / "zone") << "$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\n"
                                    "@ IN MX 10 mx1\nmx1 IN A 127.0.0.25\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

std::pair<std::string, std::string> listening(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("listening udp\\+tcp ([0-9.]+):([0-9]+)"))) return {};
  return {m[1], m[2]};
}

TEST_F(DnsCommandTest, ServesAZoneFileLogsQueriesAndStopsOnSigterm) {
  const std::string address = random_loopback();
  LabProcess lab({"dns", "--zone", (dir_ / "zone").string(), "--origin", "example.test", "--listen", address + ":0",
                  "--dnssec", "signed", "--anchor-out", (dir_ / "anchor").string()});
  const auto [addr, port] = listening(lab.output());
  ASSERT_EQ(addr, address) << lab.output();
  EXPECT_THAT(lab.output(), HasSubstr("zone example.test. signed"));
  EXPECT_THAT(lab.output(), HasSubstr("anchor example.test. 3600 IN DS "));
  std::ifstream anchor(dir_ / "anchor");
  std::string line;
  std::getline(anchor, line);
  EXPECT_THAT(line, HasSubstr("IN DS "));
  EXPECT_EQ(std::filesystem::status(dir_ / "anchor").permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);

  const auto r = run_process({"dig", "@" + addr, "-p", port, "+time=3", "+noall", "+answer", "mx1.example.test", "A"});
  EXPECT_THAT(r.out, HasSubstr("127.0.0.25"));
  EXPECT_TRUE(lab.wait_for_output("query udp mx1.example.test. A NOERROR", std::chrono::seconds(10))) << lab.output();
  EXPECT_EQ(lab.stop(SIGTERM), 0);
  EXPECT_THAT(lab.output(), HasSubstr("stopped on SIGTERM"));
}

TEST_F(DnsCommandTest, FaultsAndTheControlEndpointFromTheCommandLine) {
  if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
  const std::string address = random_loopback();
  LabProcess lab({"dns", "--zone", (dir_ / "zone").string(), "--origin", "example.test", "--listen", address + ":0",
                  "--fault", "servfail name=mx1.example.test. count=1", "--control", address + ":0"});
  const auto [addr, port] = listening(lab.output());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(lab.output(), m, std::regex("control (http://[0-9.:]+/)"))) << lab.output();
  const std::string control = m[1];
  auto ask = [&, a = addr, p = port](const std::string& name) {
    return run_process({"dig", "@" + a, "-p", p, "+time=3", name, "A"});
  };
  EXPECT_EQ(dig_status(ask("mx1.example.test").out), "SERVFAIL");
  EXPECT_EQ(dig_status(ask("mx1.example.test").out), "NOERROR");

  // Live change through HTTP: a new record appears, the MX moves.
  auto post = [&](const std::string& verb, const std::string& json) {
    return run_process({"curl", "-sS", "--max-time", "10", "-X", "POST", "--data", json, control + verb});
  };
  EXPECT_THAT(post("add-record", R"({"name":"mx2.example.test.","type":"A","rdata":"127.0.0.26"})").out,
              HasSubstr("\"ok\":true"));
  EXPECT_THAT(ask("mx2.example.test").out, HasSubstr("127.0.0.26"));
  post("set-record", R"({"name":"example.test.","type":"MX","rdata":["20 mx2.example.test."]})");
  EXPECT_THAT(run_process({"dig", "@" + addr, "-p", port, "+short", "example.test", "MX"}).out,
              HasSubstr("20 mx2.example.test."));
  post("add-fault", R"({"kind":"refused","name":"mx2.example.test."})");
  EXPECT_EQ(dig_status(ask("mx2.example.test").out), "REFUSED");
  post("clear-faults", "{}");
  EXPECT_EQ(dig_status(ask("mx2.example.test").out), "NOERROR");
  EXPECT_THAT(post("add-fault", R"({"kind":"meltdown"})").out, HasSubstr("unknown DNS fault"));

  const auto log = run_process({"curl", "-sS", "--max-time", "10", control + "query-log?name=mx1.example.test."});
  EXPECT_THAT(log.out, HasSubstr("\"rcode\":\"SERVFAIL\""));
  EXPECT_THAT(log.out, HasSubstr("\"faults\":\"servfail\""));
  EXPECT_EQ(lab.stop(SIGINT), 0);
  EXPECT_THAT(lab.output(), HasSubstr("stopped on SIGINT"));
}

TEST_F(DnsCommandTest, BadUsageIsExitCodeTwo) {
  EXPECT_EQ(run_lab({"dns", "--zone", (dir_ / "zone").string()}).exit_code, 2);  // no --origin
  EXPECT_EQ(run_lab({"dns", "--example", "--dnssec", "bogus-nonsense", "--listen", "127.0.0.1:0"}).exit_code, 2);
  const auto missing = run_lab({"dns", "--zone", "/nonexistent", "--origin", "example.test", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("cannot open zone file"));
}

}  // namespace
}  // namespace tlsrpt::test
