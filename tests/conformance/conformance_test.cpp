// The conformance suite's parts on their own: the case table, the expect file, the oracle format
// and judgement, the payloads (real gzip, real DKIM), and the CLI's usage errors and docs drift.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "conformance/cases/case.hpp"
#include "conformance/expect/expect_file.hpp"
#include "conformance/oracle/oracle.hpp"
#include "conformance/payload/dkim_identity.hpp"
#include "conformance/payload/payload.hpp"
#include "core/formats/dkim.hpp"
#include "core/formats/gzip.hpp"
#include "core/report/result_types.hpp"
#include "generators/personality/personality.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using namespace tlsrpt::conformance;

TEST(Catalogue, IdsAreUniqueAndCarryTheRfcSection) {
  std::set<std::string_view> seen;
  const std::regex shape("^8460-[0-9](\\.[0-9]+)*-[a-z0-9-]+$");
  for (const auto& c : catalogue()) {
    EXPECT_TRUE(seen.insert(c.id).second) << "duplicate id " << c.id;
    EXPECT_TRUE(std::regex_match(std::string(c.id), shape)) << c.id;
    EXPECT_FALSE(c.requirement.empty()) << c.id;
    EXPECT_FALSE(c.sends.empty()) << c.id;
    EXPECT_NE(c.expect.answers, 0u) << c.id;
    EXPECT_EQ(find_case(c.id), &c);
  }
  EXPECT_EQ(find_case("8460-0-no-such-case"), nullptr);
}

TEST(Catalogue, CoversEveryPersonalityAndResultType) {
  for (const auto& p : gen::personalities()) {
    bool https = false, smtp = false;
    for (const auto& c : catalogue()) {
      if (c.send.personality != p.name) continue;
      https |= c.send.channel == Channel::https;
      smtp |= c.send.channel == Channel::smtp;
    }
    EXPECT_TRUE(https) << p.name << " has no HTTPS case";
    EXPECT_TRUE(smtp) << p.name << " has no SMTP case";
  }
  for (const auto& t : result_types())
    EXPECT_NE(find_case("8460-4.3-result-" + std::string(t.name)), nullptr) << t.name;
}

TEST(Expect, GlobMatchesRunsOfCharacters) {
  EXPECT_TRUE(glob_match("8460-5.4-https-*-stalwart", "8460-5.4-https-gzip-stalwart"));
  EXPECT_TRUE(glob_match("8460-5.3-*", "8460-5.3-mail-google"));
  EXPECT_FALSE(glob_match("8460-5.3-*", "8460-5.4-https-gzip-google"));
  EXPECT_TRUE(glob_match("8460-4.3-result-*-error", "8460-4.3-result-sts-policy-fetch-error"));
  EXPECT_FALSE(glob_match("8460-4.3-result-*-error", "8460-4.3-result-sts-policy-invalid"));
}

TEST(Expect, ParsesEntriesAndPrefersNotSupported) {
  const auto file = parse_expect(
      "expected-failures:\n"
      "  - case: 8460-4.4-mx-host-string-tolerated\n"
      "    reason: mx-host must be an array here\n"
      "not-supported:\n"
      "  - case: \"8460-5.3-*\"\n"
      "    reason: HTTPS only\n");
  ASSERT_EQ(file.entries.size(), 2u);
  const auto* m = file.match("8460-4.4-mx-host-string-tolerated");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->kind, Expectation::fail);
  const auto* mail = file.match("8460-5.3-mail-google");
  ASSERT_NE(mail, nullptr);
  EXPECT_EQ(mail->kind, Expectation::not_supported);
  EXPECT_EQ(mail->reason, "HTTPS only");
  EXPECT_EQ(file.match("8460-5.4-https-gzip-accepted"), nullptr);
}

TEST(Expect, RejectsWhatWouldMakeTheFileDishonest) {
  const auto error_of = [](const std::string& yaml) {
    try {
      parse_expect(yaml, "t.yaml");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("expected-failures:\n  - case: \"*\"\n    reason: all\n").find("too broad"), std::string::npos);
  EXPECT_NE(error_of("expected-failures:\n  - case: 8460-9-nothing-like-this\n    reason: x\n").find("matches no case"),
            std::string::npos);
  EXPECT_NE(error_of("expected-failures:\n  - case: 8460-5.4-https-gzip-accepted\n").find("has no reason"),
            std::string::npos);
  const auto unknown = error_of("expected-failures:\n  - case: 8460-5.4-https-gzip-accepted\n    reason: x\n    bug: 1\n");
  EXPECT_NE(unknown.find("t.yaml:4: unknown key 'bug'"), std::string::npos) << unknown;
  EXPECT_NE(error_of("xfail: []\n").find("unknown key 'xfail'"), std::string::npos);
}

Payload sent(const std::string& id, Counts counts) {
  Payload p;
  p.report_id = id;
  p.counts = std::move(counts);
  return p;
}

TEST(Oracle, ParsesTheDocumentedFormat) {
  const auto view = parse_oracle(R"({"reports":[
      {"report-id":"a","successful-sessions":10,"failed-sessions":3,"result-counts":{"certificate-expired":3}},
      {"report-id":"b","accepted":false},
      {"report-id":"a"}]})");
  ASSERT_NE(view.find("a"), nullptr);
  EXPECT_EQ(view.find("a")->copies, 2);
  EXPECT_EQ(view.find("a")->successful, 10);
  EXPECT_FALSE(view.find("b")->accepted);
  EXPECT_EQ(view.find("c"), nullptr);
  EXPECT_THROW(parse_oracle("[]"), std::invalid_argument);
  EXPECT_THROW(parse_oracle("{\"reports\":[{\"id\":1}]}"), std::invalid_argument);
  EXPECT_THROW(parse_oracle("{\"reports\":[{\"report-id\":\"x\",\"copies\":\"1\"}]}"), std::invalid_argument);
  EXPECT_THROW(parse_oracle("not json"), std::invalid_argument);
}

TEST(Oracle, JudgesLostDataWrongCountsAndDuplicates) {
  const Counts counts{100, 7, {{"certificate-expired", 5}, {"starttls-not-supported", 2}}};
  const std::vector<Payload> one{sent("r1", counts)};

  const auto exact = parse_oracle(R"({"reports":[{"report-id":"r1","successful-sessions":100,"failed-sessions":7,
      "result-counts":{"certificate-expired":5,"starttls-not-supported":2,"dane-required":0}}]})");
  EXPECT_TRUE(judge_hold(Hold::stored, one, exact).ok);
  EXPECT_FALSE(judge_hold(Hold::not_stored, one, exact).ok);

  const auto lost = judge_hold(Hold::stored, one, parse_oracle(R"({"reports":[]})"));
  EXPECT_FALSE(lost.ok);
  EXPECT_NE(lost.detail.find("lost the data"), std::string::npos);
  EXPECT_TRUE(judge_hold(Hold::not_stored, one, parse_oracle(R"({"reports":[]})")).ok);
  EXPECT_TRUE(judge_hold(Hold::intact, one, parse_oracle(R"({"reports":[]})")).ok);

  const auto wrong = judge_hold(Hold::stored, one, parse_oracle(R"({"reports":[{"report-id":"r1",
      "result-counts":{"certificate-expired":5}}]})"));
  EXPECT_FALSE(wrong.ok);
  EXPECT_NE(wrong.detail.find("parsed the counts wrong"), std::string::npos) << wrong.detail;
  EXPECT_FALSE(judge_hold(Hold::intact, one, parse_oracle(R"({"reports":[{"report-id":"r1","failed-sessions":6}]})")).ok);

  const auto twice = judge_hold(Hold::stored, one, parse_oracle(R"({"reports":[{"report-id":"r1"},{"report-id":"r1"}]})"));
  EXPECT_FALSE(twice.ok);
  EXPECT_NE(twice.detail.find("2 times"), std::string::npos);

  const auto quarantined = parse_oracle(R"({"reports":[{"report-id":"r1","accepted":false}]})");
  EXPECT_TRUE(judge_hold(Hold::not_stored, one, quarantined).ok);
  EXPECT_FALSE(judge_hold(Hold::stored, one, quarantined).ok);
}

TEST(Payload, ReportsAreUniquePerCaseAndSeedAndReadBack) {
  const auto* gz = find_case("8460-5.4-https-gzip-accepted");
  const auto* json = find_case("8460-5.4-https-json-accepted");
  ASSERT_TRUE(gz && json);
  const PayloadContext a{1, "tlsrpt@reports.test", nullptr}, b{2, "tlsrpt@reports.test", nullptr};
  const auto p1 = build_payloads(*gz, 1, a), p2 = build_payloads(*json, 2, a), p3 = build_payloads(*gz, 1, b);
  ASSERT_EQ(p1.size(), 1u);
  EXPECT_TRUE(looks_gzipped(p1[0].bytes));
  EXPECT_EQ(p1[0].content_type, "application/tlsrpt+gzip");
  EXPECT_EQ(p2[0].content_type, "application/tlsrpt+json");
  EXPECT_NE(p1[0].report_id, p2[0].report_id);
  EXPECT_NE(p1[0].report_id, p3[0].report_id);
  EXPECT_EQ(build_payloads(*gz, 1, a)[0].bytes, p1[0].bytes) << "same seed, same bytes";
  ASSERT_TRUE(p1[0].counts);
  EXPECT_GT(p1[0].counts->successful + p1[0].counts->failed, 0);
}

TEST(Payload, ShapesFollowTheCase) {
  const PayloadContext ctx{3, "tlsrpt@reports.test", nullptr};
  const auto bomb = build_payloads(*find_case("8460-7-gzip-bomb-refused"), 40, ctx);
  EXPECT_LT(bomb[0].bytes.size(), 1u << 20);
  EXPECT_EQ(gunzip_capped(bomb[0].bytes, {16u << 20, 0}).status, InflateStatus::too_large);
  EXPECT_FALSE(bomb[0].counts);

  const auto torn = build_payloads(*find_case("8460-4.4-invalid-json-refused"), 41, ctx);
  EXPECT_FALSE(torn[0].counts);

  const auto many = build_payloads(*find_case("8460-7-concurrent-posts"), 42, ctx);
  ASSERT_EQ(many.size(), 100u);
  std::set<std::string> ids;
  for (const auto& p : many) ids.insert(p.report_id);
  EXPECT_EQ(ids.size(), 100u);

  const auto merged = build_payloads(*find_case("8460-4.4-multiple-policies"), 43, ctx);
  ASSERT_TRUE(merged[0].counts);
  const std::string json = gunzip_capped(merged[0].bytes).data;
  EXPECT_NE(json.find("c43-0-"), std::string::npos);
  EXPECT_NE(json.find("c43-2-"), std::string::npos) << "the third report's policy is inside";
}

TEST(Payload, MailIsSignedWithTheSuiteKeyAndVerifies) {
  const auto key = suite_dkim_key({});
  const PayloadContext ctx{5, "tlsrpt@reports.test", &key};
  const auto lookup = [&](std::string_view, std::string_view) -> std::optional<std::string> {
    return dkim_txt_record(key.public_b64);
  };
  const auto good = build_payloads(*find_case("8460-5.3-mail-gzip-accepted"), 7, ctx);
  EXPECT_TRUE(dkim_verify(good[0].bytes, lookup).ok()) << dkim_verify(good[0].bytes, lookup).reason;
  ASSERT_TRUE(good[0].counts);
  const auto missing = build_payloads(*find_case("8460-5.3-mail-missing-dkim-ignored"), 8, ctx);
  EXPECT_EQ(dkim_verify(missing[0].bytes, lookup).status, DkimStatus::none);
  const auto broken = build_payloads(*find_case("8460-5.3-mail-broken-dkim-ignored"), 9, ctx);
  EXPECT_EQ(dkim_verify(broken[0].bytes, lookup).status, DkimStatus::fail);
  const auto foreign = build_payloads(*find_case("8460-5.3-submitter-mismatch-ignored"), 10, ctx);
  EXPECT_TRUE(dkim_verify(foreign[0].bytes, lookup).ok());
  EXPECT_NE(foreign[0].bytes.find(std::string("TLS-Report-Submitter: ") + std::string(kForeignSubmitter)),
            std::string::npos);
}

TEST(Cli, ReferenceDocIsGeneratedFromTheCaseTable) {
  const auto r = run_lab({"conformance", "--reference"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(source_dir() / "docs" / "conformance.md");
  ASSERT_TRUE(in) << "docs/conformance.md is missing; regenerate with: tlsrpt-lab conformance --reference";
  std::stringstream doc;
  doc << in.rdbuf();
  EXPECT_EQ(doc.str(), r.out)
      << "docs/conformance.md drifted; regenerate with: tlsrpt-lab conformance --reference > docs/conformance.md";
  for (const auto& c : catalogue()) EXPECT_NE(r.out.find("`" + std::string(c.id) + "`"), std::string::npos) << c.id;
}

TEST(Cli, PrintsTheDkimRecordsOfAKeptKey) {
  const auto dir = make_temp_dir("conformance-dkim");
  const auto key = dir / "suite.pem";
  const auto first = run_lab({"conformance", "--dkim-key", key.string(), "--print-dkim-record"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  for (const auto& domain : signing_domains())
    EXPECT_NE(first.out.find("tlsrpt._domainkey." + domain + ". IN TXT \"v=DKIM1; k=rsa; s=tlsrpt; p="), std::string::npos)
        << domain;
  const auto again = run_lab({"conformance", "--dkim-key", key.string(), "--print-dkim-record"});
  EXPECT_EQ(again.out, first.out) << "the kept key gives the same record";
  fs::remove_all(dir);
}

TEST(Cli, UsageErrorsAreExitTwo) {
  auto r = run_lab({"conformance"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("give a target"), std::string::npos) << r.err;

  r = run_lab({"conformance", "--https", "https://192.0.2.1/tlsrpt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--allow-remote"), std::string::npos) << r.err;

  r = run_lab({"conformance", "--https", "ftp://localhost/"});
  EXPECT_EQ(r.exit_code, 2);

  // Nothing listens on port 9 of this loopback address: the suite says so before any case.
  r = run_lab({"conformance", "--https", "https://127.0.0.1:9/tlsrpt", "--timeout", "5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does not answer"), std::string::npos) << r.err;

  const auto dir = make_temp_dir("conformance-usage");
  std::ofstream(dir / "bad.yaml") << "expected-failures:\n  - case: \"*\"\n    reason: everything\n";
  r = run_lab({"conformance", "--drop", dir.string(), "--expect", (dir / "bad.yaml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("too broad"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(Cli, ListsEveryCase) {
  const auto r = run_lab({"conformance", "--list"});
  ASSERT_EQ(r.exit_code, 0);
  for (const auto& c : catalogue()) EXPECT_NE(r.out.find(std::string(c.id)), std::string::npos) << c.id;
}

}  // namespace
}  // namespace tlsrpt::test
