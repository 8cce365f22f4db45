// The suite through the real binary against real receivers on loopback: the project's own report
// sink (HTTPS and SMTP with STARTTLS, its index as the oracle) passes every MUST case, and a
// deliberately broken receiver fails exactly the cases its flaw should fail.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "conformance/cases/case.hpp"
#include "tests/conformance/broken_receiver.hpp"
#include "tests/conformance/sink_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class Selftest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("conformance-selftest");
    key_ = dir_ / "suite-dkim.pem";
    const auto printed = run_lab({"conformance", "--dkim-key", key_.string(), "--print-dkim-record"});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    record_ = record_from_zone_lines(printed.out);
    ASSERT_NE(record_.find("p="), std::string::npos) << printed.out;
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // Runs the suite; returns the exit code and leaves result.json parsed in `result_`.
  int conformance(std::vector<std::string> args) {
    std::vector<std::string> argv{"conformance", "--seed", "7", "--dkim-key", key_.string(),
                                  "--json", (dir_ / "result.json").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    last_ = run_lab(argv, {}, std::chrono::minutes(5));
    const auto text = read_text(dir_ / "result.json");
    result_ = json::parse(text, nullptr, false);
    return last_.exit_code;
  }

  std::map<std::string, std::string> outcomes() const {
    std::map<std::string, std::string> out;
    if (result_.is_object())
      for (const auto& c : result_["cases"]) out[c["id"].get<std::string>()] = c["outcome"].get<std::string>();
    return out;
  }

  std::set<std::string> with_outcome(const std::string& outcome) const {
    std::set<std::string> out;
    for (const auto& [id, o] : outcomes())
      if (o == outcome) out.insert(id);
    return out;
  }

  std::string explain() const { return last_.out + "\n" + last_.err; }

  fs::path dir_, key_;
  std::string record_;
  ProcessResult last_;
  json result_;
};

TEST_F(Selftest, OwnSinkPassesEveryMustCaseWithItsOracle) {
  ConformanceSink sink(dir_, record_);
  const int rc = conformance({"--https", sink.https_url(), "--smtp", sink.smtp_address(), "--cacert",
                              sink.ca_file().string(), "--oracle-url", sink.oracle_url() + "?report-id={report-id}", "--expect",
                              (source_dir() / "tests/conformance/sink.expect.yaml").string(), "--junit",
                              (dir_ / "junit.xml").string(), "--out", (dir_ / "transcripts").string()});
  ASSERT_TRUE(result_.is_object()) << explain();
  EXPECT_EQ(rc, 0) << explain();

  std::size_t must = 0;
  for (const auto& c : result_["cases"]) {
    const std::string id = c["id"];
    if (c["tier"] == "MUST" && c["outcome"] != "not-run") {
      ++must;
      EXPECT_EQ(c["outcome"], "pass") << id << ": " << c["detail"];
      EXPECT_TRUE(c["oracle-checked"].get<bool>()) << id;
    }
    EXPECT_NE(c["outcome"], "fail") << id << ": " << c["detail"];
    EXPECT_NE(c["outcome"], "error") << id << ": " << c["detail"];
  }
  EXPECT_GE(must, 10u);
  EXPECT_EQ(result_["cases"].size(), conformance::catalogue().size());

  // JUnit: one testcase per case, failures apart from errors, the requirement in the message.
  pugi::xml_document junit;
  ASSERT_TRUE(junit.load_file((dir_ / "junit.xml").c_str()));
  std::size_t testcases = 0;
  for (auto suite : junit.child("testsuites").children("testsuite")) {
    ASSERT_TRUE(suite.attribute("tests") && suite.attribute("failures") && suite.attribute("errors"));
    for (auto tc : suite.children("testcase")) {
      ++testcases;
      EXPECT_TRUE(tc.attribute("classname")) << tc.attribute("name").value();
      EXPECT_FALSE(tc.child("failure")) << tc.attribute("name").value();
    }
  }
  EXPECT_EQ(testcases, conformance::catalogue().size());
  EXPECT_TRUE(fs::exists(dir_ / "transcripts" / "8460-5.3-mail-gzip-accepted.txt"));
  EXPECT_NE(read_text(dir_ / "transcripts" / "8460-5.3-mail-gzip-accepted.txt").find("STARTTLS"), std::string::npos);
}

TEST_F(Selftest, OracleCanBeACommandLikeCurl) {
  if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
  ConformanceSink sink(dir_, record_);
  const std::vector<std::string> cases{"--case", "8460-5.4-https-*-accepted", "--case", "8460-4.4-duplicate-https-stored-once",
                                       "--case", "8460-5.3-mail-missing-dkim-ignored"};
  std::vector<std::string> args{"--https", sink.https_url(), "--smtp", sink.smtp_address(), "--cacert",
                                sink.ca_file().string(), "--oracle-cmd",
                                "curl -sS --max-time 20 --cacert '" + sink.ca_file().string() + "' " + sink.oracle_url()};
  args.insert(args.end(), cases.begin(), cases.end());
  EXPECT_EQ(conformance(args), 0) << explain();
  EXPECT_EQ(with_outcome("pass").size(), 4u) << explain();
  for (const auto& c : result_["cases"]) EXPECT_TRUE(c["oracle-checked"].get<bool>()) << c["id"];

  // An oracle that cannot answer is the harness's failure, said before any case runs.
  args = {"--https", sink.https_url(), "--cacert", sink.ca_file().string(), "--oracle-cmd", "false"};
  args.insert(args.end(), cases.begin(), cases.end());
  EXPECT_EQ(conformance(args), 2) << explain();
  EXPECT_NE(last_.err.find("oracle command false failed"), std::string::npos) << explain();
}

TEST_F(Selftest, GzipFiveHundredFailsExactlyTheGzipCase) {
  BrokenReceiver broken(dir_, {.gzip_500 = true});
  const int rc = conformance({"--https", broken.url(), "--cacert", broken.ca_file().string(), "--oracle-url",
                              broken.oracle_url(), "--case", "8460-5.4-https-*-accepted"});
  EXPECT_EQ(rc, 1) << explain();
  EXPECT_EQ(with_outcome("fail"), (std::set<std::string>{"8460-5.4-https-gzip-accepted"})) << explain();
  EXPECT_EQ(with_outcome("pass"), (std::set<std::string>{"8460-5.4-https-json-accepted"})) << explain();
}

TEST_F(Selftest, DroppedFieldIsCaughtByTheOracle) {
  BrokenReceiver broken(dir_, {.drops_fetch_error = true});
  const int rc = conformance({"--https", broken.url(), "--cacert", broken.ca_file().string(), "--oracle-url",
                              broken.oracle_url(), "--case", "8460-4.3-result-*"});
  EXPECT_EQ(rc, 1) << explain();
  EXPECT_EQ(with_outcome("fail"), (std::set<std::string>{"8460-4.3-result-sts-policy-fetch-error"})) << explain();
  EXPECT_EQ(with_outcome("pass").size(), 10u) << explain();
  for (const auto& c : result_["cases"]) {
    if (c["outcome"] == "fail") {
      EXPECT_NE(c["detail"].get<std::string>().find("parsed the counts wrong"), std::string::npos);
    }
  }
}

TEST_F(Selftest, AcceptedBombIsCaught) {
  BrokenReceiver broken(dir_, {.accepts_bombs = true});
  const int rc = conformance({"--https", broken.url(), "--cacert", broken.ca_file().string(), "--oracle-url",
                              broken.oracle_url(), "--case", "8460-7-gzip-bomb-refused", "--case",
                              "8460-5.4-https-gzip-accepted"});
  EXPECT_EQ(rc, 1) << explain();
  EXPECT_EQ(with_outcome("fail"), (std::set<std::string>{"8460-7-gzip-bomb-refused"})) << explain();
  EXPECT_EQ(with_outcome("pass"), (std::set<std::string>{"8460-5.4-https-gzip-accepted"})) << explain();
}

TEST_F(Selftest, ExpectFileTurnsFailuresIntoExpectedOnesAndCatchesStaleEntries) {
  BrokenReceiver broken(dir_, {.gzip_500 = true});
  std::ofstream(dir_ / "broken.yaml") << "expected-failures:\n"
                                         "  - case: 8460-5.4-https-gzip-accepted\n"
                                         "    reason: gzip is not implemented\n"
                                         "  - case: 8460-5.4-https-json-accepted\n"
                                         "    reason: a stale entry\n"
                                         "not-supported:\n"
                                         "  - case: 8460-5.4-https-gzip-google\n"
                                         "    reason: not this week\n";
  const std::vector<std::string> target{"--https", broken.url(), "--cacert", broken.ca_file().string(),
                                        "--oracle-url", broken.oracle_url(), "--expect", (dir_ / "broken.yaml").string(),
                                        "--case", "8460-5.4-https-*-accepted", "--case", "8460-5.4-https-gzip-google"};
  EXPECT_EQ(conformance(target), 1) << explain();
  const auto o = outcomes();
  EXPECT_EQ(o.at("8460-5.4-https-gzip-accepted"), "expected-fail");
  EXPECT_EQ(o.at("8460-5.4-https-json-accepted"), "unexpected-pass");
  EXPECT_EQ(o.at("8460-5.4-https-gzip-google"), "not-supported");
}

TEST_F(Selftest, WithoutAnOracleCasesAreTransportOnly) {
  BrokenReceiver broken(dir_, {});
  const int rc = conformance({"--https", broken.url(), "--cacert", broken.ca_file().string(), "--case",
                              "8460-5.4-https-json-accepted", "--case", "8460-5.3-mail-gzip-accepted"});
  EXPECT_EQ(rc, 0) << explain();
  const auto o = outcomes();
  EXPECT_EQ(o.at("8460-5.4-https-json-accepted"), "pass");
  EXPECT_EQ(o.at("8460-5.3-mail-gzip-accepted"), "not-run");
  EXPECT_FALSE(result_["cases"][0]["oracle-checked"].get<bool>());
  EXPECT_NE(last_.out.find("transport level only"), std::string::npos) << explain();
}

TEST_F(Selftest, DropDirectoryTakesReportFiles) {
  const auto drop = dir_ / "watched";
  fs::create_directories(drop);
  const int rc = conformance({"--drop", drop.string(), "--case", "8460-5.1-drop-gzip-accepted", "--case",
                              "8460-5.4-https-json-accepted"});
  EXPECT_EQ(rc, 0) << explain();
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(drop)) {
    ++files;
    const std::string name = e.path().filename().string();
    EXPECT_NE(name.find('!'), std::string::npos) << name << " carries the RFC 8460 5.1 name";
    EXPECT_TRUE(name.ends_with(".json") || name.ends_with(".json.gz")) << name;
  }
  EXPECT_EQ(files, 2u);
}

TEST_F(Selftest, DropMailDirectoryTakesSignedMessages) {
  const auto drop = dir_ / "mailbox";
  fs::create_directories(drop);
  const int rc = conformance({"--drop", drop.string(), "--drop-mail", "--case", "8460-5.3-mail-gzip-accepted", "--case",
                              "8460-5.4-https-json-accepted"});
  EXPECT_EQ(rc, 0) << explain();
  EXPECT_EQ(outcomes().at("8460-5.4-https-json-accepted"), "not-run");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(drop)) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(files[0].string().ends_with(".eml")) << files[0];
  EXPECT_NE(read_text(files[0]).find("DKIM-Signature:"), std::string::npos);
}

}  // namespace
}  // namespace tlsrpt::test
