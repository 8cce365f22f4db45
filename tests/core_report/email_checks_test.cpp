#include <gtest/gtest.h>

#include "core/check/email_checks.hpp"
#include "tests/core_report/report_fixture.hpp"

namespace tlsrpt::check {
namespace {

ReportEmail good_mail() {
  ReportEmail m;
  m.tls_report_domain = "example.net";
  m.tls_report_submitter = "sender.example";
  m.subject = "Report Domain: example.net Submitter: sender.example Report-ID: <2026-03-01_example.net@sender.example>";
  m.subject_domain = "example.net";
  m.subject_submitter = "sender.example";
  m.subject_report_id = "<2026-03-01_example.net@sender.example>";
  m.has_dkim_signature = true;
  return m;
}

struct Outcome {
  Findings findings;
  std::vector<std::string> notes;
};

Outcome run(const ReportEmail& m, Profile p, const Report& r = test::valid_report()) {
  Outcome o;
  o.notes = check_email_against_report(m, r, p, o.findings);
  return o;
}

const Finding* find(const Findings& f, std::string_view rule) {
  for (const auto& x : f)
    if (x.rule == rule) return &x;
  return nullptr;
}

TEST(EmailChecks, AgreeingHeadersGiveNoFindingAndADkimNote) {
  for (auto p : {Profile::strict, Profile::lenient}) {
    const auto o = run(good_mail(), p);
    EXPECT_TRUE(o.findings.empty()) << o.findings.front().rule;
    ASSERT_EQ(o.notes.size(), 1u);
    EXPECT_EQ(o.notes[0], "DKIM-Signature present, not verified (check has no DNS).");
  }
}

struct EmailCase {
  const char* name;
  void (*mutate)(ReportEmail&);
  const char* rule;
  const char* where;
  int strict;   // 2 error, 1 warning, 0 none
  int lenient;
};

const EmailCase kCases[] = {
    {"no_submitter", [](ReportEmail& m) { m.tls_report_submitter.reset(); }, "8460-5.3-tls-report-submitter",
     "email:header/TLS-Report-Submitter", 2, 1},
    {"submitter_mismatch", [](ReportEmail& m) { m.tls_report_submitter = "mail.sender.example"; },
     "8460-5.3-submitter-contact-info", "email:header/TLS-Report-Submitter", 2, 1},
    {"no_domain", [](ReportEmail& m) { m.tls_report_domain.reset(); }, "8460-5.3-tls-report-domain",
     "email:header/TLS-Report-Domain", 2, 1},
    {"domain_mismatch", [](ReportEmail& m) { m.tls_report_domain = "other.example"; }, "8460-5.6-report-domain",
     "email:header/TLS-Report-Domain", 1, 0},
    {"subject_domain", [](ReportEmail& m) { m.subject_domain = "other.example"; }, "8460-5.6-subject-domain",
     "email:header/Subject", 1, 0},
    {"subject_report_id", [](ReportEmail& m) { m.subject_report_id = "<2024.09.03T00.00.00Z+x@google.com>"; },
     "8460-5.6-subject-report-id", "email:header/Subject", 1, 0},
    {"no_dkim", [](ReportEmail& m) { m.has_dkim_signature = false; }, "8460-3-dkim-signature",
     "email:header/DKIM-Signature", 2, 1},
};

TEST(EmailChecks, EachRuleInBothProfiles) {
  for (const auto& c : kCases) {
    ReportEmail m = good_mail();
    c.mutate(m);
    for (auto [p, want] : {std::pair{Profile::strict, c.strict}, std::pair{Profile::lenient, c.lenient}}) {
      const auto o = run(m, p);
      const Finding* f = find(o.findings, c.rule);
      if (want == 0) {
        EXPECT_EQ(f, nullptr) << c.name;
        continue;
      }
      ASSERT_NE(f, nullptr) << c.name;
      EXPECT_EQ(f->where, c.where) << c.name;
      EXPECT_EQ(f->severity, want == 2 ? Severity::error : Severity::warning) << c.name;
    }
  }
}

TEST(EmailChecks, CaseAndReportIdDecorationsAreTolerated) {
  ReportEmail m = good_mail();
  m.tls_report_domain = "EXAMPLE.NET";
  m.subject_report_id = "2026-03-01_example.net@sender.example";
  Report r = test::valid_report();
  r.report_id = "2026-03-01_example.net";  // Postfix: <report-id@sender-domain> in the Subject
  EXPECT_TRUE(run(m, Profile::strict, r).findings.empty());
}

}  // namespace
}  // namespace tlsrpt::check
