// report-id schemes (RFC 8460 §4.4 leaves the format to the reporter; see Personality).
#pragma once

#include <cstdint>
#include <string>

#include "core/util/rng.hpp"
#include "core/util/virtual_clock.hpp"
#include "sim/mta/report/personality.hpp"

namespace tlsrpt::sim {

struct ReportIdInput {
  std::string policy_domain;
  std::string sender_domain;
  UnixSeconds day_start = 0;
  UnixSeconds generated_at = 0;
  std::size_t index = 0;          // position of this report among the day's reports
  std::uint64_t policy_hash = 0;  // stable hash of the report's policies
};

std::string make_report_id(ReportIdScheme scheme, const ReportIdInput& in, Rng& rng);

}  // namespace tlsrpt::sim
