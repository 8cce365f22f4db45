// Virtual times as written in scenarios: "14:00", "14:00:30", "day 2 14:00", or an RFC 3339 instant.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tlsrpt::scenario {

struct TimeText {
  std::optional<std::int64_t> instant;  // RFC 3339: absolute epoch seconds
  int day = 1;                          // relative: 1-based day of the run
  bool day_given = false;               // "day N" was written
  int second_of_day = 0;                // relative: seconds since 00:00 of that day
};

std::optional<TimeText> parse_time_text(std::string_view text);

// The absolute instant for a run starting at `start` (relative times count from the start's UTC day).
std::int64_t resolve(const TimeText& t, std::int64_t start);

}  // namespace tlsrpt::scenario
