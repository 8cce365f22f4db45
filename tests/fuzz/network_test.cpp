// `tlsrpt-lab fuzz --http / --smtp` through the real binary against the project's report sink
// (HTTPS with keep-alive, SMTP with STARTTLS, verified TLS) and against listeners that misbehave.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/generators/peers.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {
namespace {

nlohmann::json fuzz_json(std::vector<std::string> args, int& exit_code) {
  const auto out = make_temp_dir("fuzz-net");
  args.insert(args.begin(), "fuzz");
  // Bounded by the case count, not the default 60 s of wall time, which a loaded machine (or the
  // sanitizers) would cut short; the deadline below is the backstop.
  args.insert(args.end(), {"--out", out.string(), "--json", "--seed", "3", "--max-time", "150"});
  const auto r = run_lab(args, {}, std::chrono::minutes(3));
  exit_code = r.exit_code;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j;
}

TEST(FuzzNetwork, TheSinkOverHttpsAndSmtpSurvivesAndAgreesWithOurVerdicts) {
  const auto dir = make_temp_dir("fuzz-sink");
  gen::test::LabSink sink(dir);
  ASSERT_TRUE(sink.ready()) << sink.banner;
  int rc = -1;
  const auto http = fuzz_json({"--http", "https://" + sink.https_name + ":" + std::to_string(sink.https_port) + "/v1/tlsrpt",
                               "--address", sink.https_address, "--cacert", sink.ca_file, "--max-cases", "40",
                               "--timeout", "20000", "--probe-every", "10", "--mutators",
                               "missing-required-field,wrong-type,gzip-truncated,gzip-bad-crc"},
                              rc);
  EXPECT_EQ(rc, 0) << http.dump(2);
  EXPECT_EQ(http["cases"], 40);
  EXPECT_TRUE(http["findings"].empty()) << http.dump(2);
  const auto smtp = fuzz_json({"--smtp", sink.mx_name + ":" + std::to_string(sink.smtp_port), "--address",
                               sink.smtp_address, "--cacert",
                               sink.ca_file, "--max-cases", "10", "--timeout", "20000", "--valid-share", "1"},
                              rc);
  EXPECT_EQ(rc, 0) << smtp.dump(2);
  EXPECT_EQ(smtp["cases"], 10);
  EXPECT_TRUE(smtp["findings"].empty()) << smtp.dump(2);
}

TEST(FuzzNetwork, AResettingReceiverIsAResetFindingAndThenDead) {
  gen::test::RawListener resetting(gen::test::RawListener::Kind::resetting);
  int rc = -1;
  const auto j = fuzz_json({"--http", "https://" + resetting.address + ":" + std::to_string(resetting.port) + "/",
                            "--insecure", "--max-cases", "5", "--timeout", "5000", "--no-minimize"},
                           rc);
  EXPECT_EQ(rc, 1);
  ASSERT_FALSE(j["findings"].empty());
  EXPECT_EQ(j["by-class"].value("reset", 0), 1) << j.dump(2);
  EXPECT_EQ(j["by-class"].value("dead", 0), 1) << "the liveness probe after the reset failed too";
  EXPECT_TRUE(j["target-died"].get<bool>());
}

TEST(FuzzNetwork, ASilentReceiverIsAHang) {
  gen::test::RawListener silent(gen::test::RawListener::Kind::silent);
  int rc = -1;
  const auto j = fuzz_json({"--http", "https://" + silent.address + ":" + std::to_string(silent.port) + "/",
                            "--insecure", "--max-cases", "2", "--timeout", "500", "--no-minimize"},
                           rc);
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(j["by-class"].value("hang", 0), 1) << j.dump(2);
}

TEST(FuzzNetwork, NothingBeyondLoopbackWithoutAllowRemote) {
  const auto r = run_lab({"fuzz", "--http", "https://192.0.2.1/v1", "--max-cases", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--allow-remote"), std::string::npos) << r.err;
  EXPECT_EQ(run_lab({"fuzz", "--smtp", "mx.example.com:25", "--max-cases", "1"}).exit_code, 2);
}

}  // namespace
}  // namespace tlsrpt::test
