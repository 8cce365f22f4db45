// The RFC 8460 §5.3 Subject of report mail, both ways:
//   tlsrpt-subject = %s"Report" FWS %s"Domain:" FWS domain-name FWS %s"Submitter:" FWS domain-name
//                    FWS %s"Report-ID:" FWS "<" id-left "@" id-right ">" [CFWS]
// Parsing is lenient (every Report-ID form real reporters send) and lists each deviation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt {

// A header value with its folding removed: CRLF or LF followed by WSP becomes that WSP (RFC 5322 §2.2.3).
std::string unfold_header(std::string_view raw);

struct ReportSubject {
  std::string domain;                   // after "Domain:"
  std::string submitter;                // after "Submitter:"
  std::string report_id;                // after "Report-ID:", as written (with its <> if any), CFWS trimmed
  std::vector<std::string> deviations;  // plain sentences, one per departure from the grammar
};

// nullopt when the text has none of the Domain:/Submitter:/Report-ID: structure at all. Keywords
// are matched case-insensitively (a case difference is a deviation); missing "Report", missing <>,
// an id without "@", an id-left with characters outside dot-atom-text, and text before "Report"
// are deviations. A missing keyword leaves its field empty and is a deviation.
std::optional<ReportSubject> parse_report_subject(std::string_view unfolded);

// "<id-left@id-right>" for a report-id: kept when already of that form; otherwise characters
// outside dot-atom-text become "-" and "@" + submitter is appended when there is no "@".
std::string subject_report_id(std::string_view report_id, std::string_view submitter);

// "Report Domain: D Submitter: S Report-ID: <id@host>" (unfolded; the header writer folds it).
std::string format_report_subject(std::string_view domain, std::string_view submitter, std::string_view report_id);

}  // namespace tlsrpt
