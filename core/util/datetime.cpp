#include "core/util/datetime.hpp"

#include <cstdio>

namespace tlsrpt {
namespace {

constexpr int kNotDigits = 100;  // above every two-digit field's range, so its range check rejects it

// The two digits at p as a number, or kNotDigits. Without a branch: the fixed fields of a date-time
// are read this way and checked once.
int two_digits(const char* p) {
  const unsigned a = static_cast<unsigned char>(p[0]) - unsigned{'0'};
  const unsigned b = static_cast<unsigned char>(p[1]) - unsigned{'0'};
  return ((a > 9) | (b > 9)) ? kNotDigits : static_cast<int>(a * 10 + b);
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<DateTime> parse_rfc3339(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  const char* const p = s.data();
  const int century = two_digits(p), year_of_century = two_digits(p + 2), month = two_digits(p + 5),
            day = two_digits(p + 8), hour = two_digits(p + 11), minute = two_digits(p + 14);
  int second = two_digits(p + 17);
  if (century == kNotDigits || year_of_century == kNotDigits || p[4] != '-' || p[7] != '-' || p[13] != ':' ||
      p[16] != ':' || (p[10] != 'T' && p[10] != 't' && p[10] != ' '))
    return std::nullopt;
  const int year = century * 100 + year_of_century;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
      second > 60)
    return std::nullopt;
  DateTime dt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    std::uint32_t nanos = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - start < 9) nanos = nanos * 10 + static_cast<std::uint32_t>(s[pos] - '0');
      ++pos;
    }
    if (pos == start) return std::nullopt;
    for (std::size_t n = pos - start; n < 9; ++n) nanos *= 10;
    dt.nanos = nanos;
  }
  if (pos < s.size()) {
    const char c = s[pos];
    if ((c == 'Z' || c == 'z') && pos + 1 == s.size()) {
      dt.has_offset = true;
    } else if ((c == '+' || c == '-') && pos + 6 == s.size()) {
      const int oh = two_digits(p + pos + 1), om = two_digits(p + pos + 4);
      if (s[pos + 3] != ':' || oh > 23 || om > 59) return std::nullopt;
      dt.has_offset = true;
      dt.offset_minutes = (c == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  if (second == 60) second = 59;
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  dt.epoch_seconds = days * 86400 + hour * 3600 + minute * 60 + second - std::int64_t{dt.offset_minutes} * 60;
  return dt;
}

std::string format_date(std::int64_t epoch_seconds) {
  const Civil c = civil_from_days(floor_div(epoch_seconds, 86400));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

std::string format_rfc3339(std::int64_t epoch_seconds) {
  const std::int64_t sod = epoch_seconds - floor_div(epoch_seconds, 86400) * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(sod / 3600),
                static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
  return format_date(epoch_seconds) + buf;
}

}  // namespace tlsrpt
