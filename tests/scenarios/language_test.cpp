// The scenario language: loading, includes, and the errors lint promises (file:line:column, key,
// suggestion).
#include <gtest/gtest.h>

#include <fstream>

#include "sim/scenario/count.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace {

using namespace tlsrpt::scenario;
namespace fs = std::filesystem;

const char* const valid_scenario = R"(id: 8460-4.3.1-test-case
title: A test
description: Used by the language tests.
seed: 7
clock: {start: "2026-03-01T00:00:00Z", days: 2}
domain: example.test
mta-sts: {mode: enforce, mx: [mx1.example.test]}
tlsrpt: "v=TLSRPTv1; rua=mailto:tlsrpt@reports.test"
mx:
  - {host: mx1.example.test, pref: 10}
  - {host: mx2.example.test, pref: 20, cert: expired}
senders:
  - {org: Big Mail, mode: mta-sts, sessions: 100}
  - {org: Dane Mail, mode: dane, sessions: 10}
timeline:
  - {at: "12:00", until: "14:00", attacker: {strip-starttls: mx1.example.test}}
expect:
  - {id: expired, sender: Big Mail, mx: mx2.example.test, result-type: certificate-expired, sessions: ">0", after: "00:00"}
  - {id: reports, reports: "2..4", rua: "mailto:tlsrpt@reports.test", valid: strict}
)";

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
  const fs::path path = dir / name;
  std::ofstream(path) << text;
  return path;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Diagnostics lint_text(const std::string& text) {
  const auto dir = tlsrpt::test::make_temp_dir("scenario-lint");
  return load_scenario(write(dir, "s.yaml", text)).diagnostics;
}

TEST(ScenarioLanguage, LoadsAValidScenario) {
  const auto dir = tlsrpt::test::make_temp_dir("scenario-ok");
  const auto result = load_scenario(write(dir, "s.yaml", valid_scenario));
  for (const auto& d : result.diagnostics) ADD_FAILURE() << format(d);
  ASSERT_TRUE(result.ok());
  const Scenario& s = *result.scenario;
  EXPECT_EQ(s.id, "8460-4.3.1-test-case");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.days, 2);
  ASSERT_EQ(s.mx.size(), 2u);
  EXPECT_EQ(s.mx[1].cert.profile, "expired");
  ASSERT_EQ(s.timeline.size(), 1u);
  EXPECT_EQ(s.timeline[0].at, s.start + 12 * 3600);
  EXPECT_EQ(*s.timeline[0].until, s.start + 14 * 3600);
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_EQ(s.expectations[1].count.min, 2);
  EXPECT_EQ(s.expectations[1].count.max, 4);
  EXPECT_TRUE(s.expectations[1].valid_strict);
}

TEST(ScenarioLanguage, MisspeltKeyNamesLineColumnKeyAndSuggestion) {
  const auto diags = lint_text(replace(valid_scenario, "{host: mx2.example.test", "{hots: mx2.example.test"));
  ASSERT_FALSE(diags.empty());
  const Diagnostic& d = diags.front();
  EXPECT_EQ(d.where.line, 11);
  EXPECT_EQ(d.where.column, 6);
  EXPECT_EQ(d.key, "mx[1].hots");
  EXPECT_EQ(d.suggestion, "host");
  EXPECT_NE(format(d).find("s.yaml:11:6: error: key 'mx[1].hots': unknown key (did you mean 'host'?)"), std::string::npos)
      << format(d);
}

TEST(ScenarioLanguage, MisspeltTopLevelKeyAndChoice) {
  auto diags = lint_text(replace(valid_scenario, "seed: 7", "sede: 7"));
  ASSERT_GE(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "sede");
  EXPECT_EQ(diags[0].suggestion, "seed");
  EXPECT_EQ(diags[0].where.line, 4);
  EXPECT_EQ(diags[0].where.column, 1);

  diags = lint_text(replace(valid_scenario, "mode: enforce", "mode: enforced"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "mta-sts.mode");
  EXPECT_EQ(diags[0].suggestion, "enforce");
}

TEST(ScenarioLanguage, UnknownResultTypeGetsASuggestion) {
  const auto diags = lint_text(replace(valid_scenario, "certificate-expired", "certificate-expried"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "expect[0].result-type");
  EXPECT_EQ(diags[0].suggestion, "certificate-expired");
  EXPECT_EQ(diags[0].where.line, 18);
}

TEST(ScenarioLanguage, MissingRequiredKey) {
  const auto diags = lint_text(replace(valid_scenario, "seed: 7\n", ""));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "seed");
  EXPECT_NE(diags[0].message.find("required"), std::string::npos);
}

TEST(ScenarioLanguage, UnusedCertificateDefinitionIsAnError) {
  const auto diags = lint_text(replace(valid_scenario, "mx:\n", "certs:\n  spare: {profile: expired}\nmx:\n"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "certs.spare");
  EXPECT_NE(diags[0].message.find("never used"), std::string::npos);
}

TEST(ScenarioLanguage, ExpectationsThatCanNeverBeCheckedAreErrors) {
  // A DANE result for a sender that only does MTA-STS.
  auto diags = lint_text(replace(valid_scenario, "result-type: certificate-expired", "result-type: tlsa-invalid"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("never be checked"), std::string::npos) << format(diags[0]);
  // A day outside the run.
  diags = lint_text(replace(valid_scenario, "{id: reports,", "{id: reports, day: 3,"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "expect[1].day");
  // Reports are not counted per MX.
  diags = lint_text(replace(valid_scenario, "{id: reports,", "{id: reports, mx: mx1.example.test,"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("never be checked"), std::string::npos);
  // An rua no record publishes.
  diags = lint_text(replace(valid_scenario, "rua: \"mailto:tlsrpt@reports.test\"", "rua: \"mailto:other@reports.test\""));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "expect[1].rua");
  // A sender that does not exist, with a suggestion.
  diags = lint_text(replace(valid_scenario, "sender: Big Mail,", "sender: Big Mial,"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].suggestion, "Big Mail");
}

TEST(ScenarioLanguage, OverlappingTimelineEventsAreErrors) {
  const auto diags = lint_text(replace(valid_scenario, "timeline:\n",
                                       "timeline:\n  - {at: \"13:00\", until: \"15:00\", attacker: {strip-starttls: mx1.example.test}}\n"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("overlaps"), std::string::npos) << format(diags[0]);
  EXPECT_EQ(diags[0].where.line, 17);
}

TEST(ScenarioLanguage, TimelineOutsideTheRunIsAnError) {
  const auto diags = lint_text(replace(valid_scenario, "at: \"12:00\"", "at: \"day 3 12:00\""));
  ASSERT_GE(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "timeline[0].at");
}

TEST(ScenarioLanguage, ExtendsAndIncludeMergeAndKeepTheirOwnLocations) {
  const auto dir = tlsrpt::test::make_temp_dir("scenario-extends");
  write(dir, "base.yaml", valid_scenario);
  write(dir, "senders.yaml", "senders:\n  - {org: Big Mail, mode: mta-sts, sessions: 5}\n  - {org: Dane Mail, mode: dane, sesions: 1}\n");
  const auto child = write(dir, "child.yaml",
                           "extends: base.yaml\nid: 8460-4.3.1-child\nmta-sts: {mode: testing}\ninclude: [senders.yaml]\n");
  auto result = load_scenario(child);
  ASSERT_GE(result.diagnostics.size(), 1u);
  EXPECT_NE(result.diagnostics[0].where.file.find("senders.yaml"), std::string::npos);
  EXPECT_EQ(result.diagnostics[0].where.line, 3);
  EXPECT_EQ(result.diagnostics[0].suggestion, "sessions");

  write(dir, "senders.yaml", "senders:\n  - {org: Big Mail, mode: mta-sts, sessions: 5}\n  - {org: Dane Mail, mode: dane, sessions: 1}\n");
  result = load_scenario(child);
  for (const auto& d : result.diagnostics) ADD_FAILURE() << format(d);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.scenario->id, "8460-4.3.1-child");
  EXPECT_EQ(result.scenario->mta_sts.mode, "testing");
  EXPECT_EQ(result.scenario->mta_sts.mx.size(), 1u);  // merged from the base
  EXPECT_EQ(result.scenario->senders[0].sessions, 5);
}

TEST(ScenarioLanguage, IncludeCycleIsAnErrorNotAHang) {
  const auto dir = tlsrpt::test::make_temp_dir("scenario-cycle");
  write(dir, "a.yaml", "extends: b.yaml\n");
  const auto b = write(dir, "b.yaml", "extends: a.yaml\n");
  const auto result = load_scenario(b);
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_NE(result.diagnostics[0].message.find("cycle"), std::string::npos);
}

TEST(ScenarioLanguage, YamlSyntaxErrorHasALocation) {
  const auto diags = lint_text("id: [unclosed\n");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_GE(diags[0].where.line, 1);
  EXPECT_NE(diags[0].message.find("YAML"), std::string::npos);
}

TEST(ScenarioLanguage, Counts) {
  EXPECT_TRUE(parse_count("12")->holds(12));
  EXPECT_FALSE(parse_count("12")->holds(13));
  EXPECT_TRUE(parse_count("10..20")->holds(20));
  EXPECT_FALSE(parse_count("10..20")->holds(9));
  EXPECT_TRUE(parse_count(">0")->holds(1));
  EXPECT_FALSE(parse_count(">0")->holds(0));
  EXPECT_TRUE(parse_count("<3")->holds(0));
  EXPECT_FALSE(parse_count("<3")->holds(3));
  EXPECT_TRUE(parse_count(">=5")->holds(5));
  EXPECT_FALSE(parse_count("20..10"));
  EXPECT_FALSE(parse_count("lots"));
  EXPECT_FALSE(parse_count("<0"));
}

TEST(ScenarioLanguage, CommittedReferenceMatchesTheLoaderTable) {
  std::ifstream in(tlsrpt::test::source_dir() / "docs" / "scenario-reference.md");
  ASSERT_TRUE(in) << "docs/scenario-reference.md is missing; regenerate with: tlsrpt-lab lint --reference";
  const std::string committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(committed, reference_markdown())
      << "docs/scenario-reference.md drifted; regenerate with: tlsrpt-lab lint --reference > docs/scenario-reference.md";
}

TEST(ScenarioLanguage, LintThroughTheBinary) {
  const auto dir = tlsrpt::test::make_temp_dir("scenario-lint-cli");
  const auto good = write(dir, "good.yaml", valid_scenario);
  const auto bad = write(dir, "bad.yaml", replace(valid_scenario, "sessions: 100", "sesions: 100"));
  auto r = tlsrpt::test::run_lab({"lint", good.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ok (8460-4.3.1-test-case)"), std::string::npos);
  r = tlsrpt::test::run_lab({"lint", good.string(), bad.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find(bad.string() + ":13:36: error: key 'senders[0].sesions': unknown key (did you mean 'sessions'?)"),
            std::string::npos)
      << r.out;
  r = tlsrpt::test::run_lab({"lint", "--reference"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, reference_markdown());
}

}  // namespace
