// Hostile inputs through check's engine (check_bytes): every truncation of a report, its gzip and
// its mail; a gzip bomb inside a mail; a report with fifty thousand failure details; objects
// wider than the duplicate-name table; nesting at and past the depth limit. Each must end in a
// finding or a clean error. (Huge files, junk and bare bombs go through the binary in check_cli_test.)
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/check/checker.hpp"
#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"
#include "tests/core_report/report_fixture.hpp"

namespace tlsrpt {
namespace {

using check::CheckOptions;
using check::CheckResult;
using check::check_bytes;

bool has_rule(const CheckResult& r, std::string_view rule) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.rule == rule; });
}

bool has_finding(const CheckResult& r, std::string_view rule, std::string_view where) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const Finding& f) { return f.rule == rule && f.where == where; });
}

std::string report_mail(std::string attachment) {
  ReportEmailSpec spec;
  spec.from = "TLS Reports <tlsrpt@sender.example>";
  spec.to = "tlsrpt@example.net";
  spec.policy_domain = "example.net";
  spec.submitter = "sender.example";
  spec.report_id = "2026-03-01_example.net@sender.example";
  spec.message_id = "2026-03-01_example.net@sender.example";
  spec.date_rfc5322 = "Mon, 02 Mar 2026 02:00:00 +0000";
  spec.human_text = "This is an aggregate TLS report.";
  spec.attachment_name = "sender.example!example.net!1772323200!1772409599!001.json.gz";
  spec.attachment = std::move(attachment);
  return build_report_email(spec);
}

TEST(HostileInput, EveryTruncationOfAReportIsASyntaxFinding) {
  const std::string json = test::valid_report_json().dump();
  ASSERT_TRUE(check_bytes(json, "whole", {}).valid());
  for (std::size_t n = 0; n < json.size(); ++n) {
    const CheckResult r = check_bytes(std::string_view(json).substr(0, n), "cut", {});
    ASSERT_FALSE(r.valid()) << n;
    ASSERT_FALSE(r.report) << n;
    ASSERT_TRUE(has_rule(r, "8259-2-json-syntax")) << n;
  }
}

TEST(HostileInput, EveryTruncationOfAGzippedReportIsAFinding) {
  const std::string gz = gzip_compress(test::valid_report_json().dump());
  for (std::size_t n = 2; n < gz.size(); ++n) {
    const CheckResult r = check_bytes(std::string_view(gz).substr(0, n), "cut.gz", {});
    ASSERT_FALSE(r.valid()) << n;
    ASSERT_FALSE(r.unreadable) << n;
    ASSERT_FALSE(r.findings.empty()) << n;
  }
}

TEST(HostileInput, TruncatedReportMailsEndInAFindingOrAVerdict) {
  const std::string mail = report_mail(gzip_compress(test::valid_report_json().dump()));
  const auto attachment_end = mail.rfind("\r\n--");  // the closing boundary
  ASSERT_NE(attachment_end, std::string::npos);
  for (std::size_t n = 0; n < mail.size(); n += 13) {
    const CheckResult r = check_bytes(std::string_view(mail).substr(0, n), "cut.eml", {});
    ASSERT_FALSE(r.unreadable) << n;
    // Cut before the attachment is complete: never valid, and always a reason.
    if (n < attachment_end - 80) {
      ASSERT_FALSE(r.valid()) << n;
      ASSERT_FALSE(r.findings.empty()) << n;
    }
  }
}

TEST(HostileInput, GzipBombInsideAMailIsCappedToAFinding) {
  const std::string mail = report_mail(gzip_compress(std::string(64u << 20, ' '), 9));
  CheckOptions options;
  options.max_size = 8u << 20;
  const CheckResult r = check_bytes(mail, "bomb.eml", options);
  EXPECT_FALSE(r.valid());
  EXPECT_FALSE(r.report);
  EXPECT_TRUE(has_finding(r, "8460-5.2-inflate-limit", "gzip:"));
}

TEST(HostileInput, FiftyThousandFailureDetailsAreReadAndCounted) {
  nlohmann::json j = test::valid_report_json();
  nlohmann::json& policy = j["policies"][0];
  const nlohmann::json detail = policy["failure-details"][0];
  nlohmann::json details = nlohmann::json::array();
  constexpr int kDetails = 50000;
  for (int i = 0; i < kDetails; ++i) {
    nlohmann::json d = detail;
    d["failed-session-count"] = 1;
    details.push_back(std::move(d));
  }
  policy["failure-details"] = std::move(details);
  policy["summary"]["total-failure-session-count"] = kDetails;
  const std::string json = j.dump();
  const CheckResult r = check_bytes(json, "many.json", {});
  EXPECT_TRUE(r.valid()) << (r.findings.empty() ? "" : r.findings.front().message);
  ASSERT_TRUE(r.report);
  EXPECT_EQ(r.report->policies[0].failure_details->size(), std::size_t{kDetails});
  EXPECT_TRUE(validate_json(json).empty());
  // One wrong count among them is found and placed exactly.
  nlohmann::json bad = nlohmann::json::parse(json);
  bad["policies"][0]["failure-details"][kDetails - 1]["failed-session-count"] = -1;
  const CheckResult b = check_bytes(bad.dump(), "one-bad.json", {});
  EXPECT_FALSE(b.valid());
  EXPECT_TRUE(has_finding(b, "8460-4.4-session-count",
                          "/policies/0/failure-details/" + std::to_string(kDetails - 1) + "/failed-session-count"));
}

TEST(HostileInput, DuplicateNamesAreFoundInObjectsWiderThanTheLinearTable) {
  nlohmann::json j = test::valid_report_json();
  std::string text = j.dump();
  std::string wide = "\"x-wide\":{";
  for (int i = 0; i < 40; ++i) wide += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  wide += "\"k30\":true},";
  text.insert(1, wide);
  for (const Profile profile : {Profile::strict, Profile::lenient}) {
    CheckOptions options;
    options.profile = profile;
    const CheckResult r = check_bytes(text, "wide.json", options);
    EXPECT_FALSE(r.valid());
    EXPECT_TRUE(has_finding(r, "7493-2.3-duplicate-member", "/x-wide/k30"));
  }
}

TEST(HostileInput, NestingInsideAReportAtAndPastTheDepthLimit) {
  const auto nested = [](int depth) {
    std::string text = test::valid_report_json().dump();
    text.insert(1, "\"x-deep\":" + std::string(static_cast<std::size_t>(depth), '[') +
                       std::string(static_cast<std::size_t>(depth), ']') + ",");
    return text;
  };
  CheckOptions lenient;
  lenient.profile = Profile::lenient;
  const CheckResult ok = check_bytes(nested(50), "deep-ok.json", lenient);
  EXPECT_TRUE(ok.valid()) << (ok.findings.empty() ? "" : ok.findings.front().message);
  for (const int depth : {64, 65, 1000, 100000}) {
    const CheckResult r = check_bytes(nested(depth), "deep.json", lenient);
    EXPECT_FALSE(r.valid()) << depth;
    EXPECT_TRUE(has_rule(r, "8460-4-nesting-depth")) << depth;
  }
}

}  // namespace
}  // namespace tlsrpt
