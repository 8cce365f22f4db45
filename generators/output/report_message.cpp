#include "generators/output/report_message.hpp"

#include "core/formats/report_email.hpp"
#include "generators/output/containers.hpp"
#include "generators/output/mime_edit.hpp"
#include "generators/synth/identifiers.hpp"

namespace tlsrpt::gen {
namespace {

std::string content_type(const Personality& p, const std::string& boundary) {
  const std::string rt = p.report_type_quoted ? "report-type=\"tlsrpt\"" : "report-type=tlsrpt";
  const std::string b = "boundary=\"" + boundary + "\"";
  if (p.report_type_after_boundary) return "multipart/report; " + b + "; " + rt;
  if (p.missing_closing_boundary) return "multipart/report; " + rt + ";\r\n " + b;  // Mail.ru folds here
  return "multipart/report; " + rt + "; " + b;
}

std::string subject(const GeneratedReport& g) {
  const auto id = subject_report_id(g);
  if (g.personality->subject_id == SubjectId::angle_same_as_json && g.personality->missing_closing_boundary)
    return "Report\r\n Domain: " + g.policy_domain + "\r\n Submitter: " + g.submitter + "\r\n Report-ID: " + id;
  if (g.personality->subject_id == SubjectId::bare)
    return "Report Domain: " + g.policy_domain + " Submitter: " + g.submitter + " Report-ID:\r\n " + id;
  return "Report Domain: " + g.policy_domain + " Submitter: " + g.submitter + " Report-ID: " + id;
}

std::string human_text(const GeneratedReport& g) {
  const auto& org = *g.report.organization_name;
  if (g.personality->first_part_type == "text/html")
    return "<html><body><p>This is a TLS report for " + g.policy_domain + " from " + org +
           ".</p><p>Privacy statement: reports carry no message content.</p></body></html>\r\n";
  if (g.personality->report_id == ReportIdScheme::unix_hash)
    return "TLS report from " + org + "\r\n\r\nReport Domain: " + g.policy_domain + "\r\nSubmitter: " + g.submitter + "\r\n";
  return "This is an aggregate TLS report from " + org + " for " + g.policy_domain + ".\r\n";
}

int date_offset_minutes(const GeneratedReport& g) {
  if (g.personality->report_id != ReportIdScheme::start_domain) return 0;
  const int month = std::stoi(g.report.date_range.start_datetime.substr(5, 2));  // Google: Pacific time
  return (month >= 4 && month <= 10) ? -7 * 60 : -8 * 60;
}

}  // namespace

std::string subject_report_id(const GeneratedReport& g) {
  const auto& id = *g.report.report_id;
  switch (g.personality->subject_id) {
    case SubjectId::dotted_at_submitter: {
      std::string dotted = id;
      for (auto& c : dotted) c = (c == '-' || c == ':') ? '.' : (c == '_' ? '+' : c);
      return "<" + dotted + "@" + g.submitter + ">";
    }
    case SubjectId::bare: return id;
    case SubjectId::angle_same_as_json: return "<" + id + (id.find('@') == std::string::npos ? "@" + g.submitter : "") + ">";
    case SubjectId::angle_no_at: return "<" + id + ">";
    case SubjectId::angle_at_submitter: return "<" + id + "@" + g.submitter + ">";
  }
  return id;
}

std::vector<std::string> dkim_signed_headers(const Personality& p) {
  std::vector<std::string> h{"From", "To", "Subject", "Date", "Message-ID", "Content-Type", "MIME-Version"};
  if (p.dkim_covers_report_headers) {
    h.emplace_back("TLS-Report-Domain");
    h.emplace_back("TLS-Report-Submitter");
  }
  return h;
}

std::string report_message(const GeneratedReport& g, const MessageParts& parts) {
  const auto& p = *g.personality;
  Rng rng(stable_hash(*g.report.report_id) ^ g.index);
  ReportEmailSpec spec;
  const std::string address = g.report.contact_info ? *g.report.contact_info : "noreply-tlsrpt@" + g.submitter;
  spec.from = p.from_display.empty() ? "<" + address + ">" : std::string(p.from_display) + " <" + address + ">";
  spec.to = parts.to.empty() ? "tlsrpt@" + g.policy_domain : parts.to;
  spec.policy_domain = g.policy_domain;
  spec.submitter = g.submitter;
  spec.report_id = *g.report.report_id;
  if (p.report_id == ReportIdScheme::filetime_domain) spec.message_id = *g.report.report_id + "@" + g.policy_domain;
  else if (p.report_id == ReportIdScheme::uuid_at_sender) spec.message_id = *g.report.report_id;
  else spec.message_id = uuid_v4(rng) + "@" + g.submitter;
  spec.date_rfc5322 = rfc5322_date(g.sent_at, date_offset_minutes(g));
  spec.human_text = human_text(g);
  spec.attachment_name = parts.filename;
  spec.attachment = parts.attachment;
  spec.gzipped = parts.gzipped;
  spec.boundary = p.missing_closing_boundary ? "----=_NextPart_" + std::to_string(rng.below(1000000000))
                                             : "_" + uuid_v4(rng) + "_";
  auto message = build_report_email(spec);

  replace_header(message, "Content-Type", content_type(p, spec.boundary));
  replace_header(message, "Subject", subject(g));
  if (p.submitter != p.dkim_domain && p.dkim_domain.size() > p.submitter.size())
    replace_header(message, "TLS-Report-Submitter", std::string(p.submitter));  // Mail.ru: mail.ru vs corp.mail.ru
  if (!p.extra_headers.empty()) append_headers(message, p.extra_headers);
  if (p.first_part_type != "text/plain") {
    const auto pos = message.find("Content-Type: text/plain", header_block_end(message));
    if (pos != std::string::npos) message.replace(pos + 14, 10, p.first_part_type);
  }
  if (p.missing_closing_boundary) {
    const std::string closing = "--" + spec.boundary + "--";
    const auto pos = message.rfind(closing);
    if (pos != std::string::npos) message.replace(pos, message.size() - pos, "--" + spec.boundary + "\r\n\r\n\r\n");
  }
  return message;
}

}  // namespace tlsrpt::gen
