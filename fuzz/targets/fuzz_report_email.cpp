// parse_report_email on arbitrary bytes: never crashes; every finding is at an "email:" location;
// a report it extracts, rebuilt into a fresh message, parses back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  tlsrpt::Findings findings;
  tlsrpt::EmailLimits limits;
  limits.max_message = 1u << 20;
  const auto mail = tlsrpt::parse_report_email(in, findings, limits);
  for (const auto& f : findings)
    if (f.where.rfind("email:", 0) != 0 || f.rule.empty() || f.message.empty()) std::abort();
  if (!mail) {
    if (!tlsrpt::has_errors(findings)) std::abort();
    return 0;
  }
  tlsrpt::ReportEmailSpec spec;
  spec.from = "r@sender.example";
  spec.to = "t@example.net";
  spec.policy_domain = mail->tls_report_domain.value_or("example.net");
  spec.submitter = mail->tls_report_submitter.value_or("sender.example");
  spec.report_id = mail->subject_report_id.value_or("id");
  spec.attachment_name = mail->filename;
  spec.attachment = mail->report_bytes;
  spec.gzipped = tlsrpt::looks_gzipped(mail->report_bytes);
  tlsrpt::Findings again_findings;
  const auto again = tlsrpt::parse_report_email(tlsrpt::build_report_email(spec), again_findings);
  if (!again || again->report_bytes != mail->report_bytes) std::abort();
  return 0;
}
