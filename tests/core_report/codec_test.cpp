#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json/codec.hpp"
#include "tests/core_report/report_fixture.hpp"

namespace tlsrpt {
namespace {

TEST(Codec, FixtureIsValidWithoutAnyFindingInBothProfiles) {
  for (auto profile : {Profile::strict, Profile::lenient}) {
    const auto r = parse_report(test::valid_report_json().dump(), profile);
    ASSERT_TRUE(r.valid());
    EXPECT_TRUE(r.findings.empty()) << r.findings.front().rule << " " << r.findings.front().where;
    EXPECT_EQ(*r.report, test::valid_report());
  }
}

TEST(Codec, ValidateJsonGivesParseReportsFindingsAndValidateReportAgrees) {
  const std::string valid = test::valid_report_json().dump();
  std::string broken_members = valid;
  broken_members.replace(broken_members.find("\"receiving-ip\":\"") + 16, 0, "::ffff:");
  broken_members.insert(1, "\"x-extra\":[1,{\"a\":2,\"a\":3}],\"report-id\":7,");
  for (const std::string& text : {valid, broken_members, std::string("[1,2]"), std::string("{\"a\":"),
                                  std::string(""), std::string("{\"policies\":[{}]}")}) {
    for (const Profile profile : {Profile::strict, Profile::lenient}) {
      const ParseResult parsed = parse_report(text, profile);
      const Findings findings = validate_json(text, profile);
      ASSERT_EQ(findings.size(), parsed.findings.size()) << text;
      for (std::size_t i = 0; i < findings.size(); ++i) {
        EXPECT_EQ(findings[i].rule, parsed.findings[i].rule) << text;
        EXPECT_EQ(findings[i].where, parsed.findings[i].where) << text;
        EXPECT_EQ(findings[i].message, parsed.findings[i].message) << text;
        EXPECT_EQ(findings[i].severity, parsed.findings[i].severity) << text;
      }
      EXPECT_EQ(parsed.valid(), !has_errors(findings)) << text;
    }
  }
  EXPECT_FALSE(validate_json(broken_members).empty());
}

TEST(Codec, EmitsTheRfcTemplateKeyOrder) {
  const std::string json = emit_json(test::valid_report());
  const char* keys[] = {"organization-name", "date-range", "start-datetime", "end-datetime", "contact-info",
                        "report-id", "policies", "policy", "policy-type", "policy-string", "policy-domain",
                        "mx-host", "summary", "total-successful-session-count", "total-failure-session-count",
                        "failure-details", "result-type", "sending-mta-ip", "receiving-mx-hostname",
                        "receiving-mx-helo", "receiving-ip", "failed-session-count", "additional-information",
                        "failure-reason-code"};
  std::size_t last = 0;
  for (const char* k : keys) {
    const auto at = json.find(std::string("\"") + k + "\":");
    ASSERT_NE(at, std::string::npos) << k;
    EXPECT_GT(at, last) << k << " is out of template order";
    last = at;
  }
}

TEST(Codec, CompactAndPrettyAreTheSameJsonAndDeterministic) {
  const Report r = test::valid_report();
  const std::string compact = emit_json(r);
  const std::string pretty = emit_json(r, JsonStyle::pretty);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_NE(pretty.find("\n  \"date-range\": {\n    \"start-datetime\""), std::string::npos) << pretty;
  EXPECT_EQ(nlohmann::json::parse(compact), nlohmann::json::parse(pretty));
  EXPECT_EQ(compact, emit_json(r));
  EXPECT_EQ(nlohmann::json::parse(compact), test::valid_report_json());
}

TEST(Codec, EscapesControlCharactersQuotesAndBackslashes) {
  Report r = test::valid_report();
  r.organization_name = std::string("a\"b\\c\n\x01 d\xc3\xa9", 12);
  const std::string json = emit_json(r);
  EXPECT_NE(json.find(R"("a\"b\\c\n\u0001 d)"), std::string::npos) << json;
  EXPECT_EQ(parse_report(json).report->organization_name, r.organization_name);
}

TEST(Codec, KeepsNullContactInfoApartFromAbsent) {
  Report r = test::valid_report();
  r.contact_info.reset();
  r.contact_info_null = true;
  const std::string json = emit_json(r);
  EXPECT_NE(json.find("\"contact-info\":null"), std::string::npos);
  EXPECT_EQ(*parse_report(json, Profile::lenient).report, r);
  r.contact_info_null = false;
  EXPECT_EQ(emit_json(r).find("contact-info"), std::string::npos);
}

TEST(Codec, KeepsStringMxHostAndUnknownPolicyTypeOnRoundTrip) {
  Report r = test::valid_report();
  r.policies[0].policy.mx_host = std::vector<std::string>{"*.example.net"};
  r.policies[0].policy.mx_host_as_string = true;
  PolicyReport odd;
  odd.policy.policy_type = PolicyType::unknown;
  odd.policy.policy_type_text = "invalid-policy-type";
  odd.summary.total_successful_session_count = 1;
  odd.failure_details = std::vector<FailureDetail>{};  // [] is kept apart from absent
  r.policies.push_back(odd);
  const std::string json = emit_json(r);
  EXPECT_NE(json.find("\"mx-host\":\"*.example.net\""), std::string::npos);
  EXPECT_NE(json.find("\"failure-details\":[]"), std::string::npos);
  EXPECT_EQ(*parse_report(json, Profile::lenient).report, r);
}

TEST(Codec, NonObjectsAndGarbageYieldNoReportAndOneFinding) {
  for (const char* text : {"", "   ", "[1,2]", "\"x\"", "nul", "{\"a\":", "\x1f\x8b\x08junk"}) {
    const auto r = parse_report(text);
    EXPECT_FALSE(r.report.has_value()) << text;
    ASSERT_EQ(r.findings.size(), 1u) << text;
    EXPECT_EQ(r.findings[0].severity, Severity::error);
    EXPECT_EQ(r.findings[0].where, "");
  }
}

TEST(Codec, ParsesInputsWithoutTerminatorOrPaddingSafely) {
  const std::string json = emit_json(test::valid_report());
  const std::string_view prefix(json.data(), json.size() - 1);  // truncated: no closing brace
  EXPECT_FALSE(parse_report(prefix).report.has_value());
  EXPECT_TRUE(parse_report(std::string_view(json)).valid());
}

TEST(Codec, ReadsAPaddedBufferInPlaceWithTheSameResultAsACopy) {
  for (const std::string& json : {emit_json(test::valid_report()), std::string(R"({"policies":[{"x":1}]})")}) {
    // Spare bytes that look like JSON: a parser reading past the text would see another object.
    std::string buffer = json + std::string(kJsonPadding, '}');
    const std::string_view text(buffer.data(), json.size());
    for (const Profile profile : {Profile::strict, Profile::lenient}) {
      const ParseResult copied = parse_report(text, profile);
      const ParseResult in_place = parse_report(text, buffer.size(), profile);
      EXPECT_EQ(in_place.report, copied.report);
      ASSERT_EQ(in_place.findings.size(), copied.findings.size()) << json;
      for (std::size_t i = 0; i < in_place.findings.size(); ++i) {
        EXPECT_EQ(in_place.findings[i].rule, copied.findings[i].rule);
        EXPECT_EQ(in_place.findings[i].where, copied.findings[i].where);
      }
      EXPECT_EQ(validate_json(text, buffer.size(), profile).size(), copied.findings.size());
    }
  }
  // Too little slack for in place: the text is copied, and a truncated text stays truncated.
  const std::string json = emit_json(test::valid_report());
  const std::string_view cut(json.data(), json.size() - 1);
  EXPECT_FALSE(parse_report(cut, json.size(), Profile::strict).report.has_value());
  EXPECT_FALSE(validate_json(cut, json.size(), Profile::lenient).empty());
}

TEST(Codec, ReportsEveryDuplicateAndUnknownMemberAtDepth) {
  auto j = test::valid_report_json();
  j["x-vendor"] = {{"deep", {{"n", 1}}}};
  std::string text = j.dump();
  const std::string needle = "\"n\":1";
  text.replace(text.find(needle), needle.size(), "\"n\":1,\"n\":2");
  const auto r = parse_report(text);
  ASSERT_TRUE(r.report);
  bool dup = false;
  for (const auto& f : r.findings) dup |= f.rule == "7493-2.3-duplicate-member" && f.where == "/x-vendor/deep/n";
  EXPECT_TRUE(dup);
  EXPECT_FALSE(r.valid());
}

TEST(Codec, ManyMembersInOneObjectStillFindDuplicates) {
  std::string text = R"({"x-big":{)";
  for (int i = 0; i < 5000; ++i) text += "\"k" + std::to_string(i) + "\":0,";
  text += R"("k4321":1}})";
  const auto r = parse_report(text, Profile::lenient);
  bool dup = false;
  for (const auto& f : r.findings) dup |= f.rule == "7493-2.3-duplicate-member" && f.where == "/x-big/k4321";
  EXPECT_TRUE(dup);
}

// Template members are looked up by name once, which is also their duplicate check: a repeat of
// any of them (written plainly or with escapes) is a finding at its pointer, only the first
// occurrence is read, and unknown members repeated beside them are found too.
TEST(Codec, RepeatedTemplateMembersAreFoundAtEveryLevelAndTheFirstIsRead) {
  struct Case {
    std::string needle;       // a member as the fixture emits it
    std::string repeat;       // inserted before it
    std::string where;        // the pointer of the repeat found second
  };
  const std::vector<Case> cases = {
      {R"("report-id":)", R"("\u0072eport-id":"second",)", "/report-id"},
      {R"("start-datetime":)", R"("start-datetime":"x",)", "/date-range/start-datetime"},
      {R"("policy-type":)", R"("policy-type":"tlsa",)", "/policies/0/policy/policy-type"},
      {R"("total-failure-session-count":)", R"("total-failure-session-count":-5,)",
       "/policies/0/summary/total-failure-session-count"},
      {R"("receiving-ip":)", R"("receiving-ip":"not an ip",)", "/policies/0/failure-details/0/receiving-ip"},
      {R"("receiving-ip":)", R"("x-one":1,"x-one":2,)", "/policies/0/failure-details/0/x-one"},
  };
  const std::string valid = test::valid_report_json().dump();
  for (const Case& c : cases) {
    std::string text = valid;
    text.insert(text.find(c.needle), c.repeat);  // the inserted member comes first: it is the one read
    for (const Profile profile : {Profile::strict, Profile::lenient}) {
      const ParseResult r = parse_report(text, profile);
      ASSERT_TRUE(r.report) << text;
      std::size_t duplicates = 0;
      for (const auto& f : r.findings) {
        if (f.rule != "7493-2.3-duplicate-member") continue;
        ++duplicates;
        EXPECT_EQ(f.where, c.where) << text;
        EXPECT_EQ(f.severity, Severity::error) << text;
      }
      EXPECT_EQ(duplicates, 1u) << text;
      if (c.repeat.starts_with(R"("x-)"))
        EXPECT_EQ(*r.report, test::valid_report()) << text;
      else
        EXPECT_NE(*r.report, test::valid_report()) << "the first occurrence was not the one read: " << text;
    }
  }
}

TEST(Codec, PointerTokensAreEscaped) {
  auto j = test::valid_report_json();
  j["a/b~c"] = 1;
  const auto r = parse_report(j.dump());
  bool found = false;
  for (const auto& f : r.findings) found |= f.where == "/a~1b~0c";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace tlsrpt
