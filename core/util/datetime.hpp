// RFC 3339 §5.6 date-time text: parsing to UTC epoch seconds and formatting back. Allocation-free.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt {

struct DateTime {
  std::int64_t epoch_seconds = 0;  // UTC; the offset (if any) has been applied
  std::uint32_t nanos = 0;         // fractional seconds, truncated to nanoseconds
  bool has_offset = false;         // false for "2023-01-10T00:00:00" (no Z, no ±hh:mm): read as UTC
  int offset_minutes = 0;          // the written offset, 0 for Z
  int second_of_day() const { return static_cast<int>(((epoch_seconds % 86400) + 86400) % 86400); }
};

// Accepts full-date "T" partial-time [time-offset]; 'T'/'Z' may be lowercase and 't' may be a space
// (RFC 3339 §5.6 NOTE). Rejects anything else, including out-of-range fields (Feb 30, 24:00).
// A leap second (:60) is accepted and read as :59.
std::optional<DateTime> parse_rfc3339(std::string_view text);

// "2026-03-01T00:00:00Z"
std::string format_rfc3339(std::int64_t epoch_seconds);
// "2026-03-01"
std::string format_date(std::int64_t epoch_seconds);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

}  // namespace tlsrpt
