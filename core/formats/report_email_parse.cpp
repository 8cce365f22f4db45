// parse_report_email: GMime 3 parses the MIME structure; this file finds the report part in it and
// reports how the container departs from RFC 8460 §5.3.
#include <algorithm>
#include <cctype>
#include <vector>

#include "core/formats/gmime_handle.hpp"
#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/formats/report_subject.hpp"
#include "core/formats/rfc5322_date.hpp"
#include "core/records/report_filename.hpp"

namespace tlsrpt {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void warn(Findings& out, std::string where, const char* rule, std::string message) {
  out.push_back({Severity::warning, std::move(where), rule, std::move(message)});
}

void fail(Findings& out, std::string where, std::string message) {
  out.push_back({Severity::error, std::move(where), "8460-5.3-report-part", std::move(message)});
}

// Lines that begin "Content-Type" (any case): an upper bound on the MIME entities GMime will build,
// checked before parsing so hostile input cannot make it build millions of them.
std::size_t count_content_type_lines(std::string_view raw) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < raw.size();) {
    if (raw.size() - at >= 12) {
      const auto head = lower(std::string(raw.substr(at, 12)));
      if (head == "content-type") ++n;
    }
    const auto nl = raw.find('\n', at);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return n;
}

std::size_t header_block_size(std::string_view raw) {
  const auto lf = raw.find("\n\n");
  const auto crlf = raw.find("\r\n\r\n");
  return std::min(lf, crlf);
}

std::string mime_type_of(GMimeObject* object) {
  GMimeContentType* ct = g_mime_object_get_content_type(object);
  if (!ct) return "text/plain";
  const char* type = g_mime_content_type_get_media_type(ct);
  const char* sub = g_mime_content_type_get_media_subtype(ct);
  return lower(std::string(type ? type : "") + "/" + (sub ? sub : ""));
}

std::optional<std::string> header(GMimeObject* object, const char* name) {
  GMimeHeaderList* list = g_mime_object_get_header_list(object);
  GMimeHeader* h = list ? g_mime_header_list_get_header(list, name) : nullptr;
  if (!h) return std::nullopt;
  const char* raw = g_mime_header_get_raw_value(h);
  std::string value = unfold_header(raw ? raw : "");
  if (value.find("=?") != std::string::npos) {  // RFC 2047 encoded words: take GMime's decoding
    const char* decoded = g_mime_header_get_value(h);
    if (decoded) value = unfold_header(decoded);
  }
  return value;
}

bool looks_like_json(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

// How much a part looks like the report: lower is better; nullopt = not a candidate.
std::optional<int> rank_of(const std::string& type, const std::string& filename) {
  if (type == "application/tlsrpt+gzip" || type == "application/tlsrpt+json") return 0;
  if (type == "application/tlsrpt") return 1;
  if (type == "application/gzip" || type == "application/x-gzip" || type == "application/json" ||
      type == "application/octet-stream")
    return 2;
  const auto f = lower(filename);
  auto ends = [&](std::string_view suffix) { return f.size() >= suffix.size() && f.substr(f.size() - suffix.size()) == suffix; };
  if (ends(".json") || ends(".json.gz") || ends(".gz")) return 3;
  return std::nullopt;
}

struct Candidate {
  GMimePart* part;
  std::string where;
  std::string type;
  std::string filename;
  int rank;
};

class Walker {
 public:
  Walker(std::string_view raw, const EmailLimits& limits, Findings& findings)
      : raw_(raw), limits_(limits), findings_(findings) {}

  // Collects candidates under `object`; false when a limit was exceeded (an error is recorded).
  bool walk(GMimeObject* object, const std::string& where, std::size_t depth) {
    if (++entities_ > limits_.max_entities) {
      fail(findings_, where, "The mail has more than " + std::to_string(limits_.max_entities) + " MIME parts.");
      return false;
    }
    if (depth > limits_.max_depth) {
      fail(findings_, where, "The MIME parts are nested more than " + std::to_string(limits_.max_depth) + " deep.");
      return false;
    }
    if (GMIME_IS_MULTIPART(object)) {
      auto* mp = GMIME_MULTIPART(object);
      check_close_delimiter(mp, where);
      const int n = g_mime_multipart_get_count(mp);
      for (int i = 0; i < n; ++i)
        if (!walk(g_mime_multipart_get_part(mp, i), where + (depth == 0 ? "part/" : ".") + std::to_string(i + 1), depth + 1))
          return false;
      return true;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      GMimeObject* body = inner ? g_mime_message_get_mime_part(inner) : nullptr;
      return !body || walk(body, where + (depth == 0 ? "message" : "/message"), depth + 1);
    }
    if (GMIME_IS_PART(object)) {
      auto* part = GMIME_PART(object);
      const char* fn = g_mime_part_get_filename(part);
      std::string type = mime_type_of(object);
      std::string filename = fn ? fn : "";
      if (auto rank = rank_of(type, filename)) candidates_.push_back({part, where, std::move(type), std::move(filename), *rank});
    }
    return true;
  }

  std::vector<Candidate>& candidates() { return candidates_; }

 private:
  void check_close_delimiter(GMimeMultipart* mp, const std::string& where) {
    const char* boundary = g_mime_multipart_get_boundary(mp);
    if (!boundary) return;
    if (raw_.find("--" + std::string(boundary) + "--") == std::string_view::npos)
      warn(findings_, where, "2046-5.1.1-close-delimiter",
           "The multipart has no closing boundary \"--" + std::string(boundary) + "--\".");
  }

  std::string_view raw_;
  const EmailLimits& limits_;
  Findings& findings_;
  std::vector<Candidate> candidates_;
  std::size_t entities_ = 0;
};

std::optional<std::string> decoded_content(GMimePart* part, std::size_t cap) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (!wrapper) return std::string();
  gmime::Handle<GMimeStream> out(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(wrapper, out.get()) < 0) return std::nullopt;
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  if (!bytes) return std::string();
  if (bytes->len > cap) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

void check_top_level(GMimeObject* top, Findings& findings) {
  const auto type = mime_type_of(top);
  if (type != "multipart/report") {
    warn(findings, "email:header/Content-Type", "8460-5.3-report-type",
         "The message is " + type + ", not multipart/report; report-type=\"tlsrpt\".");
    return;
  }
  const char* rt = g_mime_content_type_get_parameter(g_mime_object_get_content_type(top), "report-type");
  if (!rt)
    warn(findings, "email:header/Content-Type", "8460-5.3-report-type", "The multipart/report has no report-type parameter.");
  else if (lower(rt) != "tlsrpt")
    warn(findings, "email:header/Content-Type", "8460-5.3-report-type",
         "The report-type is \"" + std::string(rt) + "\", not \"tlsrpt\".");
}

void check_headers(GMimeObject* message, ReportEmail& mail, Findings& findings) {
  mail.tls_report_domain = header(message, "TLS-Report-Domain");
  mail.tls_report_submitter = header(message, "TLS-Report-Submitter");
  mail.subject = header(message, "Subject");
  mail.has_dkim_signature = header(message, "DKIM-Signature").has_value();
  if (mail.subject) {
    if (auto s = parse_report_subject(*mail.subject)) {
      if (!s->domain.empty()) mail.subject_domain = s->domain;
      if (!s->submitter.empty()) mail.subject_submitter = s->submitter;
      if (!s->report_id.empty()) mail.subject_report_id = s->report_id;
      for (auto& d : s->deviations) warn(findings, "email:header/Subject", "8460-5.3-subject-form", std::move(d));
    }
  }
  const auto date = header(message, "Date");
  std::string why;
  if (!date)
    warn(findings, "email:header/Date", "5322-3.6.1-date", "The mail has no Date header.");
  else if (!parse_rfc5322_date(*date, &why))
    warn(findings, "email:header/Date", "5322-3.6.1-date", "The Date \"" + *date + "\" is not an RFC 5322 date: " + why);
  if (!header(message, "Message-ID"))
    warn(findings, "email:header/Message-ID", "5322-3.6.4-message-id", "The mail has no Message-ID header.");
}

void check_report_part(const Candidate& c, const ReportEmail& mail, Findings& findings) {
  const std::string& where = c.where;
  const bool gz = looks_gzipped(mail.report_bytes);
  if (c.rank != 0)
    warn(findings, where, "8460-5.3-media-type",
         "The report part is " + c.type + ", not application/tlsrpt+gzip or application/tlsrpt+json.");
  else if (c.type == "application/tlsrpt+gzip" && !gz)
    warn(findings, where, "8460-5.3-media-type", "The application/tlsrpt+gzip part does not start with the gzip magic 1f 8b.");
  else if (c.type == "application/tlsrpt+json" && gz)
    warn(findings, where, "8460-5.3-media-type", "The application/tlsrpt+json part is gzip-compressed.");
  if (c.filename.empty()) {
    warn(findings, where, "8460-5.1-filename", "The report part has no filename.");
    return;
  }
  const auto name = parse_report_filename(c.filename);
  if (!name.ok())
    warn(findings, where, "8460-5.1-filename", "The filename \"" + c.filename + "\" is not of the §5.1 form: " + describe(name.errors));
  else if (name.value->gzipped != gz)
    warn(findings, where, "8460-5.1-filename",
         "The filename \"" + c.filename + "\" says " + (gz ? "uncompressed" : "gzip") + " but the content is " +
             (gz ? "gzip." : "not gzip."));
}

}  // namespace

std::optional<ReportEmail> parse_report_email(std::string_view raw, Findings& findings, const EmailLimits& limits) {
  if (raw.size() > limits.max_message) {
    fail(findings, "email:", "The mail is larger than " + std::to_string(limits.max_message) + " bytes.");
    return std::nullopt;
  }
  const auto header_size = header_block_size(raw);
  if ((header_size == std::string_view::npos ? raw.size() : header_size) > limits.max_header) {
    fail(findings, "email:header", "The mail's header is larger than " + std::to_string(limits.max_header) + " bytes.");
    return std::nullopt;
  }
  if (count_content_type_lines(raw) > limits.max_entities) {
    fail(findings, "email:", "The mail has more than " + std::to_string(limits.max_entities) + " MIME parts.");
    return std::nullopt;
  }

  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    fail(findings, "email:", "The input is empty.");
    return std::nullopt;
  }
  gmime::ensure_initialised();
  gmime::Handle<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  if (!stream) {
    fail(findings, "email:", "The mail could not be read into memory.");
    return std::nullopt;
  }
  gmime::Handle<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  gmime::OptionsHandle options(g_mime_parser_options_new());
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  gmime::Handle<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) {
    fail(findings, "email:", "The input is not a readable mail message.");
    return std::nullopt;
  }
  GMimeObject* top = g_mime_message_get_mime_part(message.get());
  if (!top) {
    fail(findings, "email:", "The mail has no body.");
    return std::nullopt;
  }

  ReportEmail mail;
  Findings local;
  check_headers(GMIME_OBJECT(message.get()), mail, local);
  check_top_level(top, local);
  Walker walker(raw, limits, local);
  if (!walker.walk(top, "email:", 0)) {
    findings.insert(findings.end(), local.begin(), local.end());
    return std::nullopt;
  }
  auto& candidates = walker.candidates();
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
  for (auto& c : candidates) {
    auto content = decoded_content(c.part, limits.max_decoded);
    if (!content) {
      fail(local, c.where,
           "The report part decodes to more than " + std::to_string(limits.max_decoded) + " bytes.");
      findings.insert(findings.end(), local.begin(), local.end());
      return std::nullopt;
    }
    // Types that do not name the report must prove themselves by content (reporter-quirks §3.16).
    if (c.rank >= 2 && !looks_gzipped(*content) && !looks_like_json(*content)) continue;
    mail.report_bytes = std::move(*content);
    mail.media_type = c.type;
    mail.filename = c.filename;
    check_report_part(c, mail, local);
    findings.insert(findings.end(), local.begin(), local.end());
    return mail;
  }
  fail(local, "email:", "The mail has no application/tlsrpt+gzip or application/tlsrpt+json part.");
  findings.insert(findings.end(), local.begin(), local.end());
  return std::nullopt;
}

}  // namespace tlsrpt
