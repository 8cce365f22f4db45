#include "sim/mta/report/personality.hpp"

#include <vector>

namespace tlsrpt::sim {

std::optional<Personality> personality_by_name(std::string_view name) {
  const Personality* p = find_any_personality(name);
  if (!p) return std::nullopt;
  return *p;
}

std::span<const std::string_view> personality_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& p : all_personalities()) out.push_back(p.name);
    return out;
  }();
  return names;
}

}  // namespace tlsrpt::sim
