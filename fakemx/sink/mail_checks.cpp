#include "fakemx/sink/mail_checks.hpp"

#include "core/check/email_checks.hpp"
#include "core/util/domain_text.hpp"

namespace tlsrpt::fakemx::sink {

namespace {

constexpr std::string_view kSubmitterRule = "8460-5.3-submitter-contact-info";

}  // namespace

bool domains_aligned(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  return domain_iequals(a, b) || is_strict_subdomain(a, b) || is_strict_subdomain(b, a);
}

void check_mail_headers(const ReportEmail& mail, const std::optional<DkimResult>& dkim, Profile profile,
                        Examined& examined) {
  if (!examined.report) return;
  const Report& report = *examined.report;
  Findings strict;
  check::check_email_against_report(mail, report, Profile::strict, strict);
  Findings found = strict;
  if (profile == Profile::lenient) {
    Findings lenient;
    check::check_email_against_report(mail, report, Profile::lenient, lenient);
    found = as_lenient(std::move(strict), lenient);
    const std::string_view contact_domain = report.contact_info ? addr_spec_domain(*report.contact_info) : "";
    const bool vouched = dkim && dkim->ok() && domains_aligned(dkim->domain, contact_domain);
    for (auto& f : found) {
      if (f.rule != kSubmitterRule || vouched) continue;
      f.severity = Severity::error;
      f.message += " Nothing vouches for the submitter: the DKIM signer is not contact-info's domain either.";
    }
  }
  examined.findings.insert(examined.findings.end(), found.begin(), found.end());
  if (examined.verdict == Verdict::valid && has_errors(found)) examined.verdict = Verdict::invalid;
}

}  // namespace tlsrpt::fakemx::sink
