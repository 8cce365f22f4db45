// build_report_email: RFC 8460 §5.3 multipart/report, deterministic byte for byte.
#include <cstdint>

#include "core/formats/mime_text.hpp"
#include "core/formats/report_email.hpp"
#include "core/formats/report_subject.hpp"

namespace tlsrpt {
namespace {

std::string derived_boundary(const ReportEmailSpec& spec) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a: stable across runs and platforms
  for (const std::string* s : {&spec.report_id, &spec.attachment_name, &spec.policy_domain})
    for (unsigned char c : *s) h = (h ^ c) * 0x100000001b3ull;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "----=_tlsrpt_";
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 15];
  return out;
}

// A boundary must not occur in the body it delimits; only the human text could contain it.
std::string safe_boundary(const ReportEmailSpec& spec, std::string_view body_text) {
  std::string b = spec.boundary.empty() ? derived_boundary(spec) : spec.boundary;
  while (body_text.find("--" + b) != std::string_view::npos) b += "_";
  return b;
}

}  // namespace

std::string build_report_email(const ReportEmailSpec& spec) {
  using mime::header_field;
  const std::string text = mime::to_crlf(spec.human_text);
  const std::string boundary = safe_boundary(spec, text);
  const std::string report_id = subject_report_id(spec.report_id, spec.submitter);

  std::string m;
  m.reserve(spec.attachment.size() * 4 / 3 + text.size() + 2048);
  m += header_field("From", spec.from);
  m += header_field("To", spec.to);
  m += header_field("Subject", format_report_subject(spec.policy_domain, spec.submitter, spec.report_id));
  if (!spec.date_rfc5322.empty()) m += header_field("Date", spec.date_rfc5322);
  m += header_field("Message-ID", spec.message_id.empty() ? report_id : "<" + spec.message_id + ">");
  m += header_field("TLS-Report-Domain", spec.policy_domain);
  m += header_field("TLS-Report-Submitter", spec.submitter);
  m += header_field("Auto-Submitted", "auto-generated");
  m += header_field("MIME-Version", "1.0");
  m += header_field("Content-Type", "multipart/report; report-type=\"tlsrpt\"; " + mime::parameter("boundary", boundary));
  m += "\r\nThis is a multipart message in MIME format.\r\n\r\n";

  m += "--" + boundary + "\r\n";
  const bool seven_bit = mime::fits_7bit(text);
  m += header_field("Content-Type", "text/plain; charset=\"utf-8\"");
  m += header_field("Content-Transfer-Encoding", seven_bit ? "7bit" : "quoted-printable");
  m += "\r\n";
  m += seven_bit ? text : mime::quoted_printable(text);
  if (m.size() < 2 || m.compare(m.size() - 2, 2, "\r\n") != 0) m += "\r\n";
  m += "\r\n--" + boundary + "\r\n";

  m += header_field("Content-Type", spec.gzipped ? "application/tlsrpt+gzip" : "application/tlsrpt+json");
  m += header_field("Content-Transfer-Encoding", "base64");
  m += header_field("Content-Disposition", "attachment; " + mime::parameter("filename", spec.attachment_name));
  m += "\r\n";
  m += mime::base64_lines(spec.attachment);
  m += "\r\n--" + boundary + "--\r\n";
  return m;
}

}  // namespace tlsrpt
