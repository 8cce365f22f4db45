// One line of the sink's index: what arrived, when, from whom, how, and what the core made of it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/finding.hpp"

namespace tlsrpt::fakemx::sink {

enum class Transport { https, smtp };
std::string_view to_string(Transport t);

// valid: stored under reports/; invalid: a report that fails the sink's profile; not_a_report: no
// report could be read at all; too_large: inflation exceeded the cap or ratio. All but valid are
// kept under quarantine/ with their findings.
enum class Verdict { valid, invalid, not_a_report, too_large };
std::string_view to_string(Verdict v);

struct SinkEntry {
  std::uint64_t seq = 0;        // arrival order, unique
  std::string received_at;      // RFC 3339 UTC
  Transport transport = Transport::https;
  std::string remote_ip;
  std::string submitter;        // TLS-Report-Submitter, else the report's organization-name
  std::string report_id;        // "" when the report has none
  std::vector<std::string> policy_domains;
  std::string date_start, date_end;
  std::int64_t successful_sessions = 0;
  std::int64_t failed_sessions = 0;
  std::map<std::string, std::int64_t> result_counts;  // result-type -> failed-session-count sum
  Verdict verdict = Verdict::valid;
  Findings findings;
  std::string raw_path;         // relative to the sink directory: exactly the bytes received
  std::string media_type;       // Content-Type (https) or the report part's type (smtp)
  std::optional<std::string> dkim;  // smtp: "pass", "fail: ...", "none", ...
  std::uint64_t duplicates = 0;     // later arrivals with the same report-id and submitter
};

std::string entry_to_json(const SinkEntry& entry);  // one line, no newline

// Whether the sink counts the entry as report data: a valid report, and for mail a DKIM pass
// (RFC 8460 3: reports without a valid signature MUST be ignored).
bool entry_accepted(const SinkEntry& entry);
// The entry in the conformance oracle format (docs/conformance.md): report-id, accepted, copies,
// session sums and per-result-type counts.
std::string entry_to_oracle_json(const SinkEntry& entry);
std::optional<SinkEntry> entry_from_json(std::string_view line);

// A later arrival of an already stored report: only counted, its bytes are not kept again.
struct DuplicateRecord {
  std::uint64_t of = 0;
  std::string received_at;
  Transport transport = Transport::https;
  std::string remote_ip;
};
std::string duplicate_to_json(const DuplicateRecord& record);
std::optional<DuplicateRecord> duplicate_from_json(std::string_view line);

}  // namespace tlsrpt::fakemx::sink
