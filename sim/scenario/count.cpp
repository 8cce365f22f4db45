#include "sim/scenario/count.hpp"

#include <charconv>

namespace tlsrpt::scenario {
namespace {

std::optional<std::int64_t> number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Count> parse_count(std::string_view text) {
  Count count;
  count.text = std::string(text);
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const auto low = number(text.substr(0, dots));
    const auto high = number(text.substr(dots + 2));
    if (!low || !high || *low > *high) return std::nullopt;
    count.min = *low;
    count.max = *high;
    return count;
  }
  auto bound = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  if (bound(">=")) {
    const auto n = number(text.substr(2));
    if (!n) return std::nullopt;
    count.min = *n;
  } else if (bound("<=")) {
    const auto n = number(text.substr(2));
    if (!n) return std::nullopt;
    count.min = 0;
    count.max = *n;
  } else if (bound(">")) {
    const auto n = number(text.substr(1));
    if (!n || *n == INT64_MAX) return std::nullopt;
    count.min = *n + 1;
  } else if (bound("<")) {
    const auto n = number(text.substr(1));
    if (!n || *n == 0) return std::nullopt;
    count.min = 0;
    count.max = *n - 1;
  } else {
    const auto n = number(text);
    if (!n) return std::nullopt;
    count.min = count.max = *n;
  }
  return count;
}

}  // namespace tlsrpt::scenario
