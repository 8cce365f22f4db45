// When each sender opens its sessions on one day: a seeded spread over the day following the
// sender's shape. Pure and deterministic for a given seed.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scenario/model.hpp"

namespace tlsrpt::runner {

struct PlannedSession {
  scenario::UnixTime at = 0;
  std::uint32_t sender = 0;  // index into Scenario::senders
  std::uint64_t seed = 0;    // the session's own random stream (MX choice, ...)
};

// Relative weight of each hour of the day for a shape (flat | business-hours | evening-peak).
const std::vector<double>& hour_weights(const std::string& shape);

// The sessions of day `day` (1-based), all senders, ordered by time.
std::vector<PlannedSession> plan_day(const scenario::Scenario& s, int day);

}  // namespace tlsrpt::runner
