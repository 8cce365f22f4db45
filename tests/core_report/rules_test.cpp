// One case per validator rule, in both profiles: mutate the valid fixture, then assert the exact
// rule id, JSON pointer and severity (or that the profile ignores the rule).
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "core/json/codec.hpp"
#include "core/json/rules.hpp"
#include "tests/core_report/report_fixture.hpp"

namespace tlsrpt {
namespace {

using nlohmann::json;

enum class Expect { error, warning, none };

struct RuleCase {
  const char* name;
  std::function<std::string()> text;  // the report text to check
  const char* rule;
  const char* where;
  Expect strict;
  Expect lenient;
};

std::function<std::string()> mutate(std::function<void(json&)> f) {
  return [f] {
    json j = test::valid_report_json();
    f(j);
    return j.dump();
  };
}

std::function<std::string()> raw(std::string text) {
  return [text] { return text; };
}

json& detail(json& j, int k = 0) { return j["policies"][0]["failure-details"][k]; }
json& policy(json& j) { return j["policies"][0]["policy"]; }
json& summary(json& j) { return j["policies"][0]["summary"]; }

std::string with_duplicate_report_id() {
  std::string s = test::valid_report_json().dump();
  const std::string key = "\"report-id\":";
  s.insert(s.find(key), "\"report-id\":\"first\",");
  return s;
}

std::string deep_nesting(int depth) {
  json j = test::valid_report_json();
  std::string s = j.dump();
  s.insert(s.size() - 1, ",\"x-deep\":" + std::string(static_cast<std::size_t>(depth), '[') +
                             std::string(static_cast<std::size_t>(depth), ']'));
  return s;
}

const std::vector<RuleCase>& cases() {
  static const std::vector<RuleCase> all = {
      {"syntax", raw(R"({"organization-name": "x",})"), "8259-2-json-syntax", "", Expect::error, Expect::error},
      {"utf8", raw("{\"organization-name\": \"\xff\xfe\"}"), "7493-2.1-utf8", "", Expect::error, Expect::error},
      {"duplicate", with_duplicate_report_id, "7493-2.3-duplicate-member", "/report-id", Expect::error,
       Expect::error},
      {"integer_range", mutate([](json& j) { j["x-big"] = 9007199254740993ULL; }), "7493-2.2-integer-range",
       "/x-big", Expect::error, Expect::error},
      {"top_level", raw("[{}]"), "8460-4-top-level-object", "", Expect::error, Expect::error},
      {"nesting", [] { return deep_nesting(10000); }, "8460-4-nesting-depth", "", Expect::error, Expect::error},
      {"member_type", mutate([](json& j) { j["organization-name"] = 5; }), "8460-4.4-member-type",
       "/organization-name", Expect::error, Expect::error},
      {"unknown_member", mutate([](json& j) { j["x-vendor"] = "v"; }), "8460-4.4-unknown-member", "/x-vendor",
       Expect::warning, Expect::none},
      {"required_member", mutate([](json& j) { j.erase("date-range"); }), "8460-4.4-required-member",
       "/date-range", Expect::error, Expect::error},
      {"required_member_count", mutate([](json& j) { detail(j).erase("failed-session-count"); }),
       "8460-4.4-required-member", "/policies/0/failure-details/0/failed-session-count", Expect::error,
       Expect::error},
      {"missing_member", mutate([](json& j) { j.erase("report-id"); }), "8460-4.4-missing-member", "/report-id",
       Expect::error, Expect::warning},
      {"missing_member_null_contact", mutate([](json& j) { j["contact-info"] = nullptr; }),
       "8460-4.4-missing-member", "/contact-info", Expect::error, Expect::warning},
      {"missing_member_count", mutate([](json& j) { summary(j).erase("total-failure-session-count"); }),
       "8460-4.4-missing-member", "/policies/0/summary/total-failure-session-count", Expect::error,
       Expect::warning},
      {"detail_member", mutate([](json& j) { detail(j).erase("receiving-ip"); }), "8460-4.4-failure-detail-member",
       "/policies/0/failure-details/0/receiving-ip", Expect::error, Expect::none},
      {"empty_string", mutate([](json& j) { detail(j)["receiving-mx-helo"] = ""; }), "8460-4.4-empty-string",
       "/policies/0/failure-details/0/receiving-mx-helo", Expect::error, Expect::none},
      {"date_time", mutate([](json& j) { j["date-range"]["start-datetime"] = "2026-03-01"; }),
       "3339-5.6-date-time", "/date-range/start-datetime", Expect::error, Expect::error},
      {"time_offset", mutate([](json& j) { j["date-range"]["end-datetime"] = "2026-03-01T23:59:59"; }),
       "3339-5.6-time-offset", "/date-range/end-datetime", Expect::error, Expect::warning},
      {"date_order", mutate([](json& j) { j["date-range"]["end-datetime"] = "2026-02-28T23:59:59Z"; }),
       "8460-4.4-date-order", "/date-range", Expect::error, Expect::error},
      {"day_start", mutate([](json& j) { j["date-range"]["start-datetime"] = "2026-03-01T06:00:00Z"; }),
       "8460-4.1-day-start", "/date-range/start-datetime", Expect::warning, Expect::warning},
      {"day_end", mutate([](json& j) { j["date-range"]["end-datetime"] = "2026-03-03T00:00:00Z"; }),
       "8460-4.1-day-end", "/date-range/end-datetime", Expect::warning, Expect::warning},
      {"contact_info", mutate([](json& j) { j["contact-info"] = "reports at sender.example"; }),
       "5322-3.4.1-addr-spec", "/contact-info", Expect::error, Expect::warning},
      {"policies_empty", mutate([](json& j) { j["policies"] = json::array(); }), "8460-4-policies-empty",
       "/policies", Expect::warning, Expect::warning},
      {"policy_type", mutate([](json& j) { policy(j)["policy-type"] = "sts-v2"; }), "8460-4.4-policy-type",
       "/policies/0/policy/policy-type", Expect::warning, Expect::warning},
      {"policy_domain", mutate([](json& j) { policy(j)["policy-domain"] = "b\xc3\xbc" "cher.example"; }),
       "8460-4.4-policy-domain", "/policies/0/policy/policy-domain", Expect::error, Expect::warning},
      {"mx_host_array", mutate([](json& j) { policy(j)["mx-host"] = "*.example.net"; }), "8460-4.4-mx-host-array",
       "/policies/0/policy/mx-host", Expect::error, Expect::warning},
      {"mx_host_pattern", mutate([](json& j) { policy(j)["mx-host"][0] = "mx: mx1.example.net"; }),
       "8460-4.4-mx-host-pattern", "/policies/0/policy/mx-host/0", Expect::error, Expect::warning},
      {"mx_host_sts_only", mutate([](json& j) { policy(j)["policy-type"] = "no-policy-found"; }),
       "8460-4.4-mx-host-sts-only", "/policies/0/policy/mx-host", Expect::warning, Expect::none},
      {"sts_policy_string", mutate([](json& j) { policy(j)["policy-string"].erase(0); }),
       "8460-4.5-sts-policy-string", "/policies/0/policy/policy-string", Expect::error, Expect::warning},
      {"sts_policy_string_reported_invalid",
       mutate([](json& j) {
         policy(j)["policy-string"][1] = "mode: enforcing";
         detail(j)["result-type"] = "sts-policy-invalid";
       }),
       "8460-4.5-sts-policy-string", "/policies/0/policy/policy-string", Expect::warning, Expect::warning},
      {"sts_policy_string_missing", mutate([](json& j) { policy(j).erase("policy-string"); }),
       "8460-4.4-missing-member", "/policies/0/policy/policy-string", Expect::error, Expect::warning},
      {"sts_policy_string_missing_after_fetch_error",
       mutate([](json& j) {
         policy(j).erase("policy-string");
         detail(j)["result-type"] = "sts-policy-fetch-error";
       }),
       "8460-4.4-missing-member", "/policies/0/policy/policy-string", Expect::warning, Expect::warning},
      {"sts_policy_string_empty_after_webpki_invalid",
       mutate([](json& j) {
         policy(j)["policy-string"] = json::array();
         detail(j)["result-type"] = "sts-webpki-invalid";
       }),
       "8460-4.5-sts-policy-string", "/policies/0/policy/policy-string", Expect::warning, Expect::warning},
      {"tlsa_policy_string",
       mutate([](json& j) {
         policy(j)["policy-type"] = "tlsa";
         policy(j).erase("mx-host");
         policy(j)["policy-string"] = {"3 1 1 ABCD", "3 1 1 XYZ"};
       }),
       "8460-4.5-tlsa-policy-string", "/policies/0/policy/policy-string/1", Expect::error, Expect::warning},
      {"tlsa_json_in_string",
       mutate([](json& j) {
         policy(j)["policy-type"] = "tlsa";
         policy(j).erase("mx-host");
         policy(j)["policy-string"] = {R"(["3 1 1 ABCD","3 1 1 EF01"])"};
       }),
       "8460-4.5-tlsa-json-in-string", "/policies/0/policy/policy-string/0", Expect::error, Expect::warning},
      {"count_negative", mutate([](json& j) { summary(j)["total-successful-session-count"] = -1; }),
       "8460-4.4-session-count", "/policies/0/summary/total-successful-session-count", Expect::error, Expect::error},
      {"count_float", mutate([](json& j) { detail(j)["failed-session-count"] = 120.0; }), "8460-4.4-session-count",
       "/policies/0/failure-details/0/failed-session-count", Expect::error, Expect::error},
      {"count_string", mutate([](json& j) { summary(j)["total-successful-session-count"] = "1874"; }),
       "8460-4.4-session-count", "/policies/0/summary/total-successful-session-count", Expect::error, Expect::error},
      {"count_too_big", mutate([](json& j) { summary(j)["total-successful-session-count"] = 9007199254740992LL; }),
       "8460-4.4-session-count", "/policies/0/summary/total-successful-session-count", Expect::error, Expect::error},
      {"failure_details", mutate([](json& j) { j["policies"][0].erase("failure-details"); }),
       "8460-4.4-failure-details", "/policies/0/failure-details", Expect::error, Expect::warning},
      {"failure_count_sum", mutate([](json& j) { summary(j)["total-failure-session-count"] = 100; }),
       "8460-4-failure-count-sum", "/policies/0/summary/total-failure-session-count", Expect::warning, Expect::none},
      {"result_type", mutate([](json& j) { detail(j)["result-type"] = "Testing"; }), "8460-6.6-result-type",
       "/policies/0/failure-details/0/result-type", Expect::warning, Expect::warning},
      {"sending_mta_ip", mutate([](json& j) { detail(j)["sending-mta-ip"] = "x.x.x.x"; }),
       "8460-4.4-sending-mta-ip", "/policies/0/failure-details/0/sending-mta-ip", Expect::error, Expect::warning},
      {"receiving_ip", mutate([](json& j) { detail(j, 1)["receiving-ip"] = "198.51.100.011"; }),
       "8460-4.4-receiving-ip", "/policies/0/failure-details/1/receiving-ip", Expect::error, Expect::warning},
      {"ipv6_canonical", mutate([](json& j) { detail(j)["receiving-ip"] = "2001:DB8:0:0::12"; }),
       "5952-4-ipv6-canonical", "/policies/0/failure-details/0/receiving-ip", Expect::warning, Expect::none},
      {"receiving_mx_hostname", mutate([](json& j) { detail(j)["receiving-mx-hostname"] = "mx_2.example.net"; }),
       "8460-4.4-receiving-mx-hostname", "/policies/0/failure-details/0/receiving-mx-hostname", Expect::error,
       Expect::warning},
      {"additional_information",
       mutate([](json& j) { detail(j)["additional-information"] = "https://x.example/ ? id = 5"; }),
       "8460-4.4-additional-information", "/policies/0/failure-details/0/additional-information", Expect::error,
       Expect::warning},
      {"failure_reason_code", mutate([](json& j) { detail(j, 1)["result-type"] = "validation-failure"; }),
       "8460-4.3.1-failure-reason-code", "/policies/0/failure-details/1/failure-reason-code", Expect::warning,
       Expect::none},
  };
  return all;
}

class RuleTest : public ::testing::TestWithParam<RuleCase> {};

void expect_finding(const RuleCase& c, Profile profile, Expect expect) {
  const auto result = parse_report(c.text(), profile);
  const Finding* hit = nullptr;
  for (const auto& f : result.findings)
    if (f.rule == c.rule && f.where == c.where) hit = &f;
  std::string all;
  for (const auto& f : result.findings) all += "\n  " + f.rule + " " + f.where + " " + f.message;
  if (expect == Expect::none) {
    EXPECT_EQ(hit, nullptr) << to_string(profile) << " should ignore " << c.rule << all;
    return;
  }
  ASSERT_NE(hit, nullptr) << to_string(profile) << " misses " << c.rule << " at " << c.where << all;
  EXPECT_EQ(hit->severity, expect == Expect::error ? Severity::error : Severity::warning) << to_string(profile);
  EXPECT_FALSE(hit->message.empty());
  EXPECT_EQ(result.valid(), expect != Expect::error && !has_errors(result.findings));
}

TEST_P(RuleTest, Strict) { expect_finding(GetParam(), Profile::strict, GetParam().strict); }
TEST_P(RuleTest, Lenient) { expect_finding(GetParam(), Profile::lenient, GetParam().lenient); }

INSTANTIATE_TEST_SUITE_P(Rules, RuleTest, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(RuleTable, EveryReportRuleHasACaseAndSeveritiesMatchTheTable) {
  std::set<std::string> covered;
  for (const auto& c : cases()) {
    covered.insert(c.rule);
    const RuleInfo* info = nullptr;
    for (const auto& r : rules())
      if (r.id == c.rule) info = &r;
    ASSERT_NE(info, nullptr) << c.rule << " is not in the rule table";
    // Documented downgrades: a policy-string the sender reports as invalid, or never obtained.
    static const std::set<std::string> downgrades{"sts_policy_string_reported_invalid",
                                                  "sts_policy_string_missing_after_fetch_error",
                                                  "sts_policy_string_empty_after_webpki_invalid"};
    if (downgrades.count(c.name)) continue;
    const auto as_expect = [](Level l) {
      return l == Level::error ? Expect::error : l == Level::warning ? Expect::warning : Expect::none;
    };
    EXPECT_EQ(as_expect(info->strict), c.strict) << c.name;
    EXPECT_EQ(as_expect(info->lenient), c.lenient) << c.name;
  }
  for (const auto& r : rules()) {
    const std::string id(r.id);
    const bool container = id.rfind("8460-5", 0) == 0 || id.rfind("8460-3-", 0) == 0 || id.rfind("1952", 0) == 0 ||
                           id.rfind("5322-3.6", 0) == 0 || id.rfind("2046", 0) == 0;
    if (!container) {
      EXPECT_TRUE(covered.count(id)) << id << " has no test case";
    }
  }
}

TEST(RuleTable, IdsAreUniqueAndCarryTheirRfc) {
  std::set<std::string_view> ids;
  for (const auto& r : rules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_NE(r.section.find(r.id.substr(0, 4)), std::string_view::npos) << r.id << " vs " << r.section;
    EXPECT_FALSE(r.text.empty());
  }
}

}  // namespace
}  // namespace tlsrpt
