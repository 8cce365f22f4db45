// The sink's validation profiles without a network: strict quarantines what real reporters get
// wrong, lenient accepts it and keeps strict's objection as a warning; mail headers are checked
// against the body, and lenient trusts a foreign TLS-Report-Submitter only when the DKIM signer
// is contact-info's domain. Real DKIM signatures (core/OpenDKIM), real store on disk.
#include <gtest/gtest.h>

#include <map>

#include "core/formats/dkim.hpp"
#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "fakemx/sink/examine.hpp"
#include "fakemx/sink/https_intake.hpp"
#include "fakemx/sink/mail_checks.hpp"
#include "fakemx/sink/smtp_intake.hpp"
#include "fakemx/sink/store.hpp"
#include "tests/fakemx_web/test_reports.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using namespace fakemx::sink;

// Microsoft's 2023 reports: date-times without a zone.
std::string zoneless_report_json() {
  Report r = make_report("zoneless-1");
  r.date_range = {"2026-03-01T00:00:00", "2026-03-01T23:59:59"};
  return emit_json(r);
}

std::string severity_of(const Findings& findings, const std::string& rule) {
  for (const auto& f : findings)
    if (f.rule == rule) return f.severity == Severity::error ? "error" : "warning";
  return "absent";
}

TEST(SinkProfile, StrictQuarantinesWhatLenientAcceptsWithAWarning) {
  const std::string json = zoneless_report_json();
  const auto strict = examine_report(json, "application/tlsrpt+json", {}, Profile::strict);
  EXPECT_EQ(strict.verdict, Verdict::invalid);
  EXPECT_EQ(severity_of(strict.findings, "3339-5.6-time-offset"), "error");

  const auto lenient = examine_report(gzip_compress(json), "application/tlsrpt+gzip", {}, Profile::lenient);
  EXPECT_EQ(lenient.verdict, Verdict::valid);
  EXPECT_EQ(severity_of(lenient.findings, "3339-5.6-time-offset"), "warning");
  ASSERT_TRUE(lenient.report.has_value());
  EXPECT_EQ(lenient.report->report_id, "zoneless-1");
}

TEST(SinkProfile, LenientStillRefusesWhatHoldsNoReport) {
  std::string json = make_report_json("cut-1");
  json.resize(json.size() / 2);
  for (const auto profile : {Profile::strict, Profile::lenient}) {
    const auto examined = examine_report(json, "application/tlsrpt+json", {}, profile);
    EXPECT_NE(examined.verdict, Verdict::valid);
    EXPECT_TRUE(has_errors(examined.findings));
  }
  const auto bomb = examine_report(gzip_compress(std::string(4u << 20, ' ')), "application/tlsrpt+gzip",
                                   InflateLimits{1u << 20, 100}, Profile::lenient);
  EXPECT_EQ(bomb.verdict, Verdict::too_large);
}

TEST(SinkProfile, AsLenientKeepsEveryStrictFindingAndOnlyLenientErrorsStayErrors) {
  const Findings strict{{Severity::error, "/a", "rule-a", "a"}, {Severity::error, "/b", "rule-b", "b"},
                        {Severity::warning, "/w", "rule-w", "w"}};
  const Findings lenient{{Severity::error, "/a", "rule-a", "a"}, {Severity::warning, "/b", "rule-b", "b"},
                         {Severity::error, "/c", "rule-c", "c"}};
  const Findings merged = as_lenient(strict, lenient);
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(severity_of(merged, "rule-a"), "error");
  EXPECT_EQ(severity_of(merged, "rule-b"), "warning");
  EXPECT_EQ(severity_of(merged, "rule-w"), "warning");
  EXPECT_EQ(severity_of(merged, "rule-c"), "error");
}

TEST(SinkProfile, DomainsAlignOnSubdomainsOnly) {
  EXPECT_TRUE(domains_aligned("corp.mail.ru", "corp.mail.ru"));
  EXPECT_TRUE(domains_aligned("corp.mail.ru", "Mail.RU"));
  EXPECT_TRUE(domains_aligned("mail.ru", "corp.mail.ru"));
  EXPECT_FALSE(domains_aligned("badmail.ru", "mail.ru"));
  EXPECT_FALSE(domains_aligned("mail.ru", "mail.ru.evil.example"));
  EXPECT_FALSE(domains_aligned("", "mail.ru"));
}

TEST(SinkProfile, LenientTakesNearMissContentTypesWithAWarning) {
  const auto dir = make_temp_dir("sink-near-miss");
  {
    ReportStore store(dir);
    const auto post = [&](const std::string& type, const std::string& id, Profile profile) {
      fakemx::http::Request request;
      request.method = "POST";
      request.target = "/tlsrpt";
      request.headers = {{"Content-Type", type}};
      request.body = make_report_json(id);
      return handle_https(request, store, {"", {16u << 20, 1000}, profile}).status;
    };
    EXPECT_EQ(post("application/json", "near-1", Profile::strict), 415);
    EXPECT_EQ(post("application/json", "near-2", Profile::lenient), 201);
    EXPECT_EQ(post("application/tlsrpt", "near-3", Profile::lenient), 201);
    EXPECT_EQ(post("text/plain", "near-4", Profile::lenient), 415);
    const auto entry = store.find("near-2");
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->verdict, Verdict::valid);
    EXPECT_EQ(severity_of(entry->findings, "8460-5.4-media-type"), "warning");
  }
  fs::remove_all(dir);
}

// Report mail written by `signer_domain` with the given TLS-Report-Submitter, through the real
// mail intake into a real store.
class SinkMailProfile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("sink-mail-profile");
    key_ = make_dkim_key(1024);
    store_ = std::make_unique<ReportStore>(dir_);
  }
  void TearDown() override {
    store_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  std::string mail(const std::string& report_id, const std::string& submitter, const std::string& signer_domain) {
    ReportEmailSpec spec;
    spec.from = "TLS Reports <tlsrpt@" + submitter + ">";
    spec.to = "tlsrpt@reports.test";
    spec.policy_domain = "example.test";
    spec.submitter = submitter;
    spec.report_id = report_id;
    spec.date_rfc5322 = "Sun, 01 Mar 2026 02:00:00 +0000";
    spec.human_text = "This is a TLS report.";
    spec.attachment_name = submitter + "!example.test!1772323200!1772409599!001.json.gz";
    spec.attachment = make_report_gzip(report_id);  // contact-info tlsrpt@sender.test
    const std::string message = build_report_email(spec);
    return signer_domain.empty() ? message : dkim_sign(message, {signer_domain, "tlsrpt", key_.private_key_pem}, 1772330000);
  }

  SinkEntry deliver(const std::string& message, Profile profile) {
    SmtpIntakeConfig config;
    config.profile = profile;
    config.key_lookup = [this](std::string_view, std::string_view) -> std::optional<std::string> {
      return dkim_txt_record(key_.public_key_b64);
    };
    const auto reply = handle_mail({"127.0.0.1", "tlsrpt@sender.test", {"tlsrpt@reports.test"}, message}, *store_, config);
    EXPECT_EQ(reply.code, 250) << reply.text;
    return store_->entries().back();
  }

  fs::path dir_;
  DkimKeyPair key_;
  std::unique_ptr<ReportStore> store_;
};

TEST_F(SinkMailProfile, MatchingMailIsValidInBothProfiles) {
  for (const auto profile : {Profile::strict, Profile::lenient}) {
    const auto e = deliver(mail(profile == Profile::strict ? "ok-s@sender.test" : "ok-l@sender.test", "sender.test",
                                "sender.test"),
                           profile);
    EXPECT_EQ(e.verdict, Verdict::valid);
    EXPECT_TRUE(entry_accepted(e)) << *e.dkim;
  }
}

TEST_F(SinkMailProfile, ForeignSubmitterVouchedForByTheSignerIsToleratedOnlyWhenLenient) {
  // Mail.ru's shape: the submitter is a parent domain, the signer is contact-info's domain.
  const auto strict = deliver(mail("ru-s@sender.test", "test", "sender.test"), Profile::strict);
  EXPECT_EQ(strict.verdict, Verdict::invalid);
  EXPECT_EQ(severity_of(strict.findings, "8460-5.3-submitter-contact-info"), "error");
  EXPECT_FALSE(entry_accepted(strict));

  const auto lenient = deliver(mail("ru-l@sender.test", "test", "sender.test"), Profile::lenient);
  EXPECT_EQ(lenient.verdict, Verdict::valid);
  EXPECT_EQ(severity_of(lenient.findings, "8460-5.3-submitter-contact-info"), "warning");
  EXPECT_TRUE(entry_accepted(lenient));
}

TEST_F(SinkMailProfile, ForeignSubmitterSignedByItselfIsNotTrustedEvenWhenLenient) {
  const auto e = deliver(mail("foreign@sender.test", "other.example", "other.example"), Profile::lenient);
  EXPECT_EQ(e.dkim->rfind("pass", 0), 0u) << *e.dkim;
  EXPECT_EQ(e.verdict, Verdict::invalid);
  EXPECT_EQ(severity_of(e.findings, "8460-5.3-submitter-contact-info"), "error");
  EXPECT_FALSE(entry_accepted(e));
}

TEST_F(SinkMailProfile, UnsignedMailIsQuarantinedWhenStrictAndIgnoredWhenLenient) {
  const auto strict = deliver(mail("unsigned-s@sender.test", "sender.test", ""), Profile::strict);
  EXPECT_EQ(strict.verdict, Verdict::invalid);
  EXPECT_EQ(severity_of(strict.findings, "8460-3-dkim-signature"), "error");
  const auto lenient = deliver(mail("unsigned-l@sender.test", "sender.test", ""), Profile::lenient);
  EXPECT_EQ(lenient.verdict, Verdict::valid);
  EXPECT_EQ(severity_of(lenient.findings, "8460-3-dkim-signature"), "warning");
  EXPECT_FALSE(entry_accepted(lenient)) << "RFC 8460 3: mail without a valid signature is ignored";
}

}  // namespace
}  // namespace tlsrpt::test
