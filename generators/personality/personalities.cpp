#include "generators/personality/personality.hpp"

#include <vector>

namespace tlsrpt::gen {

std::span<const Personality> personalities() {
  static const std::vector<Personality> offered = [] {
    std::vector<Personality> rows;
    for (const auto& p : all_personalities())
      if (p.offered_by_generate) rows.push_back(p);
    return rows;
  }();
  return offered;
}

const Personality* find_personality(std::string_view name) {
  for (const auto& p : personalities())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace tlsrpt::gen
