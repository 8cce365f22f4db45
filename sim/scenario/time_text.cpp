#include "sim/scenario/time_text.hpp"

#include <charconv>

#include "core/util/datetime.hpp"

namespace tlsrpt::scenario {
namespace {

std::optional<int> small_number(std::string_view text, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty() || value < 0 || value > max)
    return std::nullopt;
  return value;
}

std::optional<int> clock_time(std::string_view text) {
  const auto first = text.find(':');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = text.find(':', first + 1);
  const auto hours = small_number(text.substr(0, first), 23);
  const auto minutes = small_number(text.substr(first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1), 59);
  const auto seconds = second == std::string_view::npos ? std::optional<int>(0) : small_number(text.substr(second + 1), 59);
  if (!hours || !minutes || !seconds) return std::nullopt;
  return *hours * 3600 + *minutes * 60 + *seconds;
}

}  // namespace

std::optional<TimeText> parse_time_text(std::string_view text) {
  TimeText t;
  if (text.size() > 10 && text[4] == '-') {
    const auto instant = parse_rfc3339(text);
    if (!instant) return std::nullopt;
    t.instant = instant->epoch_seconds;
    return t;
  }
  if (text.substr(0, 4) == "day ") {
    text.remove_prefix(4);
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const auto day = small_number(text.substr(0, space), 366);
    if (!day || *day < 1) return std::nullopt;
    t.day = *day;
    t.day_given = true;
    text.remove_prefix(space + 1);
  }
  const auto seconds = clock_time(text);
  if (!seconds) return std::nullopt;
  t.second_of_day = *seconds;
  return t;
}

std::int64_t resolve(const TimeText& t, std::int64_t start) {
  if (t.instant) return *t.instant;
  const std::int64_t day0 = start - (((start % 86400) + 86400) % 86400);
  return day0 + static_cast<std::int64_t>(t.day - 1) * 86400 + t.second_of_day;
}

}  // namespace tlsrpt::scenario
