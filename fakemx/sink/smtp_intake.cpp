#include "fakemx/sink/smtp_intake.hpp"

#include "core/formats/report_email.hpp"
#include "fakemx/sink/mail_checks.hpp"

namespace tlsrpt::fakemx::sink {

std::string describe_dkim(const DkimResult& result) {
  switch (result.status) {
    case DkimStatus::pass: return "pass (d=" + result.domain + " s=" + result.selector + ")";
    case DkimStatus::fail: return "fail: " + result.reason;
    case DkimStatus::none: return "none: " + result.reason;
  }
  return "none";
}

MailReply handle_mail(const MailDelivery& delivery, ReportStore& store, const SmtpIntakeConfig& config) {
  if (delivery.message.size() > config.max_message)
    return {552, "5.3.4 Message too big for the report sink (" + std::to_string(config.max_message) + " bytes at most)"};

  Arrival arrival;
  arrival.transport = Transport::smtp;
  arrival.remote_ip = delivery.remote_ip;
  arrival.raw = std::string(delivery.message);
  arrival.raw_extension = "eml";
  std::optional<DkimResult> dkim;
  if (config.key_lookup) dkim = dkim_verify(delivery.message, config.key_lookup);
  arrival.dkim = dkim ? describe_dkim(*dkim) : "unchecked";

  Findings email_findings;
  const auto email = parse_report_email(delivery.message, email_findings);
  if (email) {
    arrival.media_type = email->media_type;
    arrival.submitter = email->tls_report_submitter.value_or("");
    arrival.examined = examine_report(email->report_bytes, email->media_type, config.inflate, config.profile);
    arrival.examined.findings.insert(arrival.examined.findings.begin(), email_findings.begin(), email_findings.end());
    check_mail_headers(*email, dkim, config.profile, arrival.examined);
  } else {
    arrival.examined.verdict = Verdict::not_a_report;
    arrival.examined.findings = std::move(email_findings);
    if (!has_errors(arrival.examined.findings))
      arrival.examined.findings.push_back(
          {Severity::error, "email:", "8460-5.3-report-part", "The message has no TLS report part."});
  }
  const Verdict verdict = arrival.examined.verdict;
  StoreResult result;
  try {
    result = store.store(std::move(arrival));
  } catch (const std::exception& e) {
    return {451, std::string("4.3.0 The report could not be stored: ") + e.what()};
  }
  const std::string seq = std::to_string(result.entry.seq);
  switch (result.outcome) {
    case StoreOutcome::stored: return {250, "2.0.0 Report stored as #" + seq};
    case StoreOutcome::duplicate: return {250, "2.0.0 Duplicate of report #" + seq + ", counted"};
    case StoreOutcome::quarantined: break;
  }
  if (verdict == Verdict::too_large) return {552, "5.3.4 Report inflates beyond the limit (kept as #" + seq + ")"};
  if (verdict == Verdict::not_a_report) return {554, "5.6.0 No TLS report in the message (kept as #" + seq + ")"};
  return {250, "2.0.0 Invalid report quarantined as #" + seq};
}

}  // namespace tlsrpt::fakemx::sink
