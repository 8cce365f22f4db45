// The plain-English account of a report: who reported, which day(s), per policy the sessions that
// worked and failed, and for each failure what it means and which MX and IP it hit.
#pragma once

#include <string>
#include <vector>

#include "core/report/model.hpp"

namespace tlsrpt::check {

struct FailureLine {
  std::string result_type;
  std::string meaning;  // the registry's explanation, or a note that the type is not registered
  std::int64_t sessions = 0;
  std::string mx, receiving_ip, sending_ip, reason;  // empty when the report does not say
};

struct PolicyLine {
  std::string type;    // "sts", "tlsa", "no-policy-found", or the unknown wire value
  std::string domain;  // empty when absent
  std::string headline;
  std::vector<FailureLine> failures;
};

struct ReportSummary {
  std::string reporter;  // "Google Inc. (smtp-tls-reporting@google.com)"
  std::string period;    // "2016-04-01 (one UTC day)" or "2016-04-01T00:00:00Z to 2016-04-07T23:59:59Z"
  std::string report_id;
  std::vector<PolicyLine> policies;
};

ReportSummary summarize(const Report& report);

// A policy with more failure rows than this is summarised per result type plus its largest rows.
inline constexpr std::size_t kFailureRowsShown = 10;

// Indented lines for the text output.
std::vector<std::string> summary_lines(const ReportSummary& summary);

}  // namespace tlsrpt::check
