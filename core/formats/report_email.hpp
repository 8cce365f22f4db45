// RFC 8460 §5.3 report mail: building a multipart/report message and extracting the report from
// one (GMime 3), tolerant of the real-world quirks in reporter-quirks.md (§3 items 14-22).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/report/finding.hpp"

namespace tlsrpt {

struct ReportEmailSpec {
  std::string from;              // "TLS Reports <tlsrpt@sender.example>"
  std::string to;                // the rua mailto address
  std::string policy_domain;     // TLS-Report-Domain and Subject "Domain:"
  std::string submitter;         // TLS-Report-Submitter and Subject "Submitter:"
  std::string report_id;         // Subject "Report-ID: <...>" (wrapped in <> and given @submitter if needed)
  std::string message_id;        // without <>
  std::string date_rfc5322;      // "Sun, 01 Mar 2026 02:00:00 +0000"
  std::string human_text;        // the first, human-readable part
  std::string attachment_name;   // the §5.1 filename
  std::string attachment;        // the report bytes (gzip or JSON)
  bool gzipped = true;           // application/tlsrpt+gzip vs +json
  std::string boundary;          // fixed boundary for byte-identical output (empty = derived from report_id)
};

// A complete RFC 5322 message with CRLF line endings, every line at most 78 octets unless one word
// (a 60+ octet domain) is longer (not yet
// DKIM-signed): From, To, Subject (§5.3 grammar, folded), Date (omitted when empty), Message-ID
// (the Subject's <id@host> when message_id is empty), TLS-Report-Domain, TLS-Report-Submitter,
// Auto-Submitted, MIME-Version, multipart/report; report-type="tlsrpt" with a text/plain part
// (7bit, or quoted-printable when needed) and the base64 report part with the §5.1 filename.
// Equal specs give byte-identical messages. CR/LF inside header values become spaces.
std::string build_report_email(const ReportEmailSpec& spec);

struct ReportEmail {
  std::string report_bytes;           // the tlsrpt part, decoded from its transfer encoding (maybe gzip)
  std::string media_type;             // as found: "application/tlsrpt+gzip", "application/tlsrpt", ...
  std::string filename;               // attachment filename, if any
  std::optional<std::string> tls_report_domain;
  std::optional<std::string> tls_report_submitter;
  std::optional<std::string> subject;  // unfolded
  std::optional<std::string> subject_report_id;  // as written, with its <> if any
  std::optional<std::string> subject_domain;
  std::optional<std::string> subject_submitter;
  bool has_dkim_signature = false;     // whether a DKIM-Signature header is present (verification is separate)
};

struct EmailLimits {
  std::size_t max_message = 64u << 20;   // bytes of the whole message
  std::size_t max_header = 1u << 20;     // bytes of the top-level header block
  std::size_t max_entities = 256;        // MIME entities (parts, multiparts, embedded messages)
  std::size_t max_depth = 16;            // nesting of multiparts and message/rfc822
  std::size_t max_decoded = 64u << 20;   // bytes of the decoded report part
};

// Extracts the report part: the first application/tlsrpt+gzip or +json part, else bare
// application/tlsrpt, else application/gzip|json|octet-stream (or a .json/.gz filename) whose
// content sniffs as gzip (1f 8b) or JSON; a single-part message may be the report itself.
// Nested multiparts and message/rfc822 are searched. Subject, TLS-Report-* are unfolded.
//
// Findings (all at "email:" locations) cover the container only; comparing the headers with the
// report body, header presence and the Subject grammar verdict are the caller's (core/check):
//   error   8460-5.3-report-part   no report part / message unreadable / a limit exceeded
//   warning 8460-5.3-report-type   top level not multipart/report, or report-type not "tlsrpt"
//   warning 8460-5.3-media-type    report part not application/tlsrpt+gzip|+json, or its content
//                                  disagrees with its type (gzip magic vs +json)
//   warning 8460-5.1-filename      report part filename missing or not sender!domain!begin!end[!id].json[.gz]
//   warning 8460-5.3-subject-form  each departure of the Subject from §5.3 (missing <>, no "@", ...)
//   warning 5322-3.6.1-date        Date missing or not RFC 5322 date-time
//   warning 5322-3.6.4-message-id  Message-ID missing
//   warning 2046-5.1.1-close-delimiter  a multipart without its closing boundary (Mail.ru)
// nullopt (with an error finding) when no report part exists.
std::optional<ReportEmail> parse_report_email(std::string_view raw_message, Findings& findings,
                                              const EmailLimits& limits = {});

}  // namespace tlsrpt
