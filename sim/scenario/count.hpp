// How many: "12" exactly, "10..20" inclusive, ">0", ">=5", "<3", "<=3".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt::scenario {

struct Count {
  std::int64_t min = 1;
  std::int64_t max = INT64_MAX;
  std::string text = ">0";
  bool holds(std::int64_t value) const { return value >= min && value <= max; }
};

std::optional<Count> parse_count(std::string_view text);

}  // namespace tlsrpt::scenario
