// The oracle: what the receiver says it now holds, in one small JSON format (docs/conformance.md):
//
//   {"reports": [{"report-id": "…", "accepted": true, "copies": 1,
//                 "successful-sessions": 1200, "failed-sessions": 37,
//                 "result-counts": {"certificate-expired": 30, "starttls-not-supported": 7}}]}
//
// Only "report-id" is required. "accepted" (default true) is false for a report the receiver keeps
// but does not use (quarantined, DKIM failed); "copies" (default 1) is how many times it is stored.
// Counts that are absent are not compared. Entries with the same report-id add up their copies.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/payload/payload.hpp"
#include "generators/transport/report_client.hpp"

namespace tlsrpt::conformance {

struct HeldReport {
  std::string report_id;
  bool accepted = true;
  std::int64_t copies = 0;
  std::optional<std::int64_t> successful, failed;
  std::optional<std::map<std::string, std::int64_t>> result_counts;
};

struct OracleView {
  std::map<std::string, HeldReport> reports;  // by report-id
  const HeldReport* find(const std::string& report_id) const;
};

// Throws std::invalid_argument naming what is wrong with the JSON.
OracleView parse_oracle(std::string_view json);

class Oracle {
 public:
  virtual ~Oracle() = default;
  // What the receiver holds of `report_ids` (a whole-list oracle may return more). Throws
  // std::runtime_error when the oracle cannot be read.
  virtual OracleView fetch(const std::vector<std::string>& report_ids) = 0;
  virtual std::string describe() const = 0;
};

// GET on an https:// URL; the body is the oracle JSON. When the URL contains "{report-id}", it is
// asked once per report with the id percent-encoded there (receivers with many reports answer
// small); otherwise once for everything.
std::unique_ptr<Oracle> url_oracle(const std::string& url, const gen::transport::TlsOptions& tls,
                                   std::chrono::milliseconds timeout);

// Runs `command` (split into words like a shell would, but never through one) and reads the oracle
// JSON from its standard output; "{report-id}" in a word asks once per report.
std::unique_ptr<Oracle> command_oracle(const std::string& command, std::chrono::milliseconds timeout);

// How what the receiver holds compares with what was sent, for one case.
struct Judgement {
  bool ok = true;
  std::string detail;  // one sentence per problem; empty when ok
};

Judgement judge_hold(Hold hold, const std::vector<Payload>& sent, const OracleView& view);

}  // namespace tlsrpt::conformance
