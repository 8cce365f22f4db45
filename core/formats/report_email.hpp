// RFC 8460 §5.3 report mail: building a multipart/report message and extracting the report from
// one (GMime 3), tolerant of the real-world quirks in reporter-quirks.md.
#pragma once

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

// A complete RFC 5322 message with CRLF line endings (not yet DKIM-signed).
std::string build_report_email(const ReportEmailSpec& spec);

struct ReportEmail {
  std::string report_bytes;           // the tlsrpt part, decoded from its transfer encoding (maybe gzip)
  std::string media_type;             // as found: "application/tlsrpt+gzip", "application/tlsrpt", ...
  std::string filename;               // attachment filename, if any
  std::optional<std::string> tls_report_domain;
  std::optional<std::string> tls_report_submitter;
  std::optional<std::string> subject;  // unfolded
  std::optional<std::string> subject_report_id;
  std::optional<std::string> subject_domain;
  std::optional<std::string> subject_submitter;
  bool has_dkim_signature = false;     // whether a DKIM-Signature header is present (verification is separate)
};

// Extracts the report part. Findings use "email:" locations. nullopt when no report part exists.
std::optional<ReportEmail> parse_report_email(std::string_view raw_message, Findings& findings);

}  // namespace tlsrpt
