// The RFC 8460 §5.1 report filename, both ways:
//   filename = sender "!" policy-domain "!" begin-timestamp "!" end-timestamp [ "!" unique-id ] "." extension
//   unique-id = 1*(ALPHA / DIGIT)    timestamps = 1*DIGIT (Unix seconds)    extension = "json" / "json.gz"
// Example: mail.sndr.example.com!example.net!1470013207!1470186007!001.json.gz
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/records/record_result.hpp"

namespace tlsrpt {

struct ReportFilename {
  std::string sender;         // the domain of contact-info, A-labels
  std::string policy_domain;  // A-labels
  std::int64_t begin = 0;     // Unix seconds
  std::int64_t end = 0;
  std::string unique_id;      // empty when absent
  bool gzipped = true;        // ".json.gz" vs ".json"
};

// Errors carry the column of the offending field. A begin after its end is a warning.
RecordResult<ReportFilename> parse_report_filename(std::string_view name);

// The filename for `f` (no validation: callers pass what they built).
std::string build_report_filename(const ReportFilename& f);

}  // namespace tlsrpt
