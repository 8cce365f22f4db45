#include "core/check/email_checks.hpp"

#include "core/json/rules.hpp"
#include "core/util/domain_text.hpp"

namespace tlsrpt::check {
namespace {

bool names_a_policy_domain(const Report& report, std::string_view domain) {
  for (const auto& pr : report.policies)
    if (pr.policy.policy_domain && domain_iequals(*pr.policy.policy_domain, domain)) return true;
  return false;
}

std::string_view strip_angles(std::string_view id) {
  while (!id.empty() && (id.front() == ' ' || id.front() == '<')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '>')) id.remove_suffix(1);
  return id;
}

// The Subject's id equals the report-id, or is the report-id given an "@host" to fit §5.3's grammar.
bool same_report_id(std::string_view subject_id, std::string_view report_id) {
  subject_id = strip_angles(subject_id);
  if (subject_id == report_id) return true;
  return subject_id.size() > report_id.size() && subject_id.substr(0, report_id.size()) == report_id &&
         subject_id[report_id.size()] == '@';
}

}  // namespace

std::vector<std::string> check_email_against_report(const ReportEmail& mail, const Report& report, Profile profile,
                                                    Findings& out) {
  std::vector<std::string> notes;
  const auto add = [&](Rule rule, const char* where, std::string message) {
    add_finding(out, profile, rule, where, std::move(message));
  };

  if (!mail.tls_report_submitter) {
    add(Rule::email_submitter, "email:header/TLS-Report-Submitter", "The mail has no TLS-Report-Submitter header.");
  } else if (report.contact_info) {
    const std::string_view contact_domain = addr_spec_domain(*report.contact_info);
    if (!domain_iequals(*mail.tls_report_submitter, contact_domain))
      add(Rule::email_submitter_match, "email:header/TLS-Report-Submitter",
          "TLS-Report-Submitter \"" + *mail.tls_report_submitter + "\" is not the domain of contact-info \"" +
              *report.contact_info + "\".");
  }

  if (!mail.tls_report_domain)
    add(Rule::email_domain, "email:header/TLS-Report-Domain", "The mail has no TLS-Report-Domain header.");
  else if (!names_a_policy_domain(report, *mail.tls_report_domain))
    add(Rule::email_domain_match, "email:header/TLS-Report-Domain",
        "TLS-Report-Domain \"" + *mail.tls_report_domain + "\" is not a policy-domain of the report; the report wins.");

  if (mail.subject_domain && !names_a_policy_domain(report, *mail.subject_domain))
    add(Rule::email_subject_domain, "email:header/Subject",
        "The Subject's Domain \"" + *mail.subject_domain + "\" is not a policy-domain of the report; the report wins.");
  if (mail.subject_report_id && report.report_id && !same_report_id(*mail.subject_report_id, *report.report_id))
    add(Rule::email_subject_report_id, "email:header/Subject",
        "The Subject's Report-ID \"" + *mail.subject_report_id + "\" differs from report-id \"" + *report.report_id +
            "\"; the report wins.");

  if (mail.has_dkim_signature)
    notes.emplace_back("DKIM-Signature present, not verified (check has no DNS).");
  else
    add(Rule::email_dkim, "email:header/DKIM-Signature", "The mail has no DKIM-Signature; receivers must ignore it.");
  return notes;
}

}  // namespace tlsrpt::check
