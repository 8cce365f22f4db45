// The suite through the real binary against real receivers on loopback: the project's own report
// sink, run as `tlsrpt-lab mx --sink` (HTTPS and SMTP with STARTTLS, its index as the oracle),
// passes every MUST case when strict and every case when lenient, and a deliberately broken
// receiver fails exactly the cases its flaw should fail.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "conformance/cases/case.hpp"
#include "tests/conformance/broken_receiver.hpp"
#include "tests/conformance/lab_sink.hpp"
#include "tests/support/lab_process.hpp"
#include "tests/support/nsd_zone.hpp"
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
    printed_records_ = run_lab({"conformance", "--dkim-key", key_.string(), "--print-dkim-record"});
    ASSERT_EQ(printed_records_.exit_code, 0) << printed_records_.err;
    ASSERT_NE(printed_records_.out.find("p="), std::string::npos) << printed_records_.out;
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

  // The sink as a user runs it, against the suite with its oracle; returns the exit code.
  int against_sink(const LabSink& sink, const std::string& expect_file, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"--https", sink.https_url(), "--smtp", sink.smtp_address(), "--cacert",
                                  sink.ca_file().string(), "--oracle-url", sink.oracle_url() + "?report-id={report-id}",
                                  "--expect", (source_dir() / "tests/conformance" / expect_file).string()};
    args.insert(args.end(), more.begin(), more.end());
    return conformance(args);
  }

  fs::path dir_, key_;
  ProcessResult printed_records_;  // --print-dkim-record: zone lines, one per signing domain
  ProcessResult last_;
  json result_;
};

TEST_F(Selftest, StrictSinkPassesEveryMustCaseWithItsOracle) {
  LabSink sink(dir_ / "sink", key_, "strict");
  const int rc = against_sink(sink, "sink.expect.yaml",
                              {"--junit", (dir_ / "junit.xml").string(), "--out", (dir_ / "transcripts").string()});
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
  // Strict quarantines the reporters' quirks: the expect file's entries are really needed.
  EXPECT_GE(with_outcome("expected-fail").size(), 10u) << explain();
  EXPECT_EQ(outcomes().at("8460-5.3-submitter-mismatch-ignored"), "pass");

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
  EXPECT_EQ(sink.stop(), 0);
}

TEST_F(Selftest, LenientSinkPassesEveryCaseItIsSent) {
  LabSink sink(dir_ / "sink", key_, "lenient");
  EXPECT_NE(sink.banner().find("sink profile lenient"), std::string::npos) << sink.banner();
  const int rc = against_sink(sink, "sink-lenient.expect.yaml");
  ASSERT_TRUE(result_.is_object()) << explain();
  EXPECT_EQ(rc, 0) << explain();
  std::size_t interop = 0;
  for (const auto& c : result_["cases"]) {
    if (c["outcome"] == "not-run") continue;  // the drop-directory case: the sink takes no files
    EXPECT_EQ(c["outcome"], "pass") << c["id"] << ": " << c["detail"];
    EXPECT_TRUE(c["oracle-checked"].get<bool>()) << c["id"];
    if (c["tier"] == "INTEROP") ++interop;
  }
  EXPECT_GE(interop, 20u);
  EXPECT_EQ(with_outcome("not-run"), (std::set<std::string>{"8460-5.1-drop-gzip-accepted"}));
  EXPECT_EQ(sink.stop(), 0);
}

TEST_F(Selftest, LenientSinkKeepsStrictObjectionsAsWarnings) {
  LabSink sink(dir_ / "sink", key_, "lenient");
  EXPECT_EQ(against_sink(sink, "sink-lenient.expect.yaml",
                         {"--case", "8460-4.4-datetime-without-zone-tolerated", "--case", "8460-5.3-mail-mailru",
                          "--case", "8460-5.3-submitter-mismatch-ignored"}),
            0)
      << explain();
  EXPECT_EQ(sink.stop(), 0);

  // index.jsonl: one entry per report, with the findings strict would have refused it for.
  std::map<std::string, json> by_rule_kind;  // "time" / "mailru" / "foreign" -> entry
  std::ifstream index(dir_ / "sink" / "store" / "index.jsonl");
  for (std::string line; std::getline(index, line);) {
    const json e = json::parse(line);
    if (!e.contains("seq")) continue;
    const std::string dkim = e.value("dkim", "");
    if (dkim.find("d=corp.mail.ru") != std::string::npos) by_rule_kind["mailru"] = e;
    else if (dkim.find("d=submitter-mismatch.") != std::string::npos) by_rule_kind["foreign"] = e;
    else by_rule_kind["time"] = e;
  }
  const auto severity_of = [](const json& entry, const std::string& rule) -> std::string {
    for (const auto& f : entry["findings"])
      if (f["rule"] == rule) return f["severity"];
    return "absent";
  };
  ASSERT_EQ(by_rule_kind.size(), 3u);
  EXPECT_EQ(by_rule_kind["time"]["verdict"], "valid");
  EXPECT_EQ(severity_of(by_rule_kind["time"], "3339-5.6-time-offset"), "warning") << by_rule_kind["time"];
  // Mail.ru's submitter differs from contact-info, but its DKIM signer is contact-info's domain.
  EXPECT_EQ(by_rule_kind["mailru"]["verdict"], "valid");
  EXPECT_EQ(severity_of(by_rule_kind["mailru"], "8460-5.3-submitter-contact-info"), "warning");
  // A submitter that nothing vouches for stays an error, even when lenient.
  EXPECT_EQ(by_rule_kind["foreign"]["verdict"], "invalid");
  EXPECT_EQ(severity_of(by_rule_kind["foreign"], "8460-5.3-submitter-contact-info"), "error");
}

// The keys can come from DNS instead: a DNS server serves the record the suite prints for the
// strict-rfc reporter's domain (sender.example), and the sink, given no key file, asks it.
class SelftestDns : public Selftest {
 protected:
  std::string dkim_zone() {
    std::string record;
    std::istringstream lines(printed_records_.out);
    for (std::string l; std::getline(lines, l);)
      if (l.rfind("tlsrpt._domainkey.sender.example. ", 0) == 0) record = l;
    EXPECT_FALSE(record.empty()) << printed_records_.out;
    return "$TTL 300\n@ IN SOA ns.sender.example. hostmaster.sender.example. 1 3600 900 604800 300\n"
           "@ IN NS ns.sender.example.\nns IN A 127.0.0.1\n" + record + "\n";
  }
  void expect_mail_accepted_with_keys_from(const std::string& endpoint) {
    LabSink sink(dir_ / "sink", {}, "strict", {"--dkim-dns", endpoint});
    EXPECT_NE(sink.banner().find("sink dkim-dns " + endpoint), std::string::npos) << sink.banner();
    EXPECT_EQ(against_sink(sink, "sink.expect.yaml",
                           {"--case", "8460-5.3-mail-strict-rfc", "--case", "8460-5.3-mail-broken-dkim-ignored"}),
              0)
        << explain();
    EXPECT_EQ(outcomes().at("8460-5.3-mail-strict-rfc"), "pass") << explain();
    EXPECT_EQ(sink.stop(), 0);
  }
};

TEST_F(SelftestDns, SinkTrustsDkimKeysFromTheLabsDnsServer) {
  std::ofstream(dir_ / "keys.zone") << dkim_zone();
  LabProcess dns({"dns", "--zone", (dir_ / "keys.zone").string(), "--origin", "sender.example.", "--listen",
                  "127.0.0.1:0", "--quiet"});
  const std::string out = dns.output();
  const auto listening = out.find("listening udp+tcp ");
  ASSERT_NE(listening, std::string::npos) << out;
  expect_mail_accepted_with_keys_from(out.substr(listening + 18, out.find('\n', listening) - listening - 18));
}

TEST_F(SelftestDns, SinkTrustsDkimKeysFromNsd) {
  if (!NsdZone::available()) GTEST_SKIP() << "nsd or ldnsutils are not installed";
  NsdZone nsd("sender.example", dkim_zone(), false);
  ASSERT_TRUE(nsd.running()) << nsd.error();
  expect_mail_accepted_with_keys_from("127.0.0.1:" + std::to_string(nsd.port()));
}

TEST_F(Selftest, SinkFlagsThatDoNotFitAreUsageErrors) {
  const auto no_sink = run_lab({"mx", "--host", "mx.test=127.0.0.1:0", "--dkim-dns", "127.0.0.1:53", "--duration", "1"});
  EXPECT_EQ(no_sink.exit_code, 2);
  EXPECT_NE(no_sink.err.find("need --sink"), std::string::npos) << no_sink.err;
  const auto bad_key = run_lab({"mx", "--host", "mx.test=127.0.0.1:0", "--sink", (dir_ / "s").string(), "--dkim-key",
                                "sender.example=" + key_.string(), "--duration", "1"});
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_NE(bad_key.err.find("SELECTOR._domainkey.DOMAIN=FILE"), std::string::npos) << bad_key.err;
  std::ofstream(dir_ / "junk.txt") << "not a key\n";
  const auto junk = run_lab({"mx", "--host", "mx.test=127.0.0.1:0", "--sink", (dir_ / "s").string(), "--dkim-key",
                             "tlsrpt._domainkey.*=" + (dir_ / "junk.txt").string(), "--duration", "1"});
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.err.find("neither a PEM key nor a DKIM TXT record"), std::string::npos) << junk.err;
  const auto remote = run_lab({"mx", "--host", "mx.test=127.0.0.1:0", "--sink", (dir_ / "s").string(), "--dkim-dns",
                               "192.0.2.1", "--duration", "1"});
  EXPECT_EQ(remote.exit_code, 2) << remote.err;
  const auto profile = run_lab({"mx", "--host", "mx.test=127.0.0.1:0", "--sink", (dir_ / "s").string(), "--profile",
                                "relaxed", "--duration", "1"});
  EXPECT_EQ(profile.exit_code, 2) << profile.err;
}

TEST_F(Selftest, OracleCanBeACommandLikeCurl) {
  if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
  LabSink sink(dir_ / "sink", key_, "strict");
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
