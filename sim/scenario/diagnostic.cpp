#include "sim/scenario/diagnostic.hpp"

#include <algorithm>
#include <numeric>

namespace tlsrpt::scenario {

std::string format(const Diagnostic& d) {
  std::string out = d.where.file + ':' + std::to_string(d.where.line) + ':' +
                    std::to_string(d.where.column) + ": error: ";
  if (!d.key.empty()) out += "key '" + d.key + "': ";
  out += d.message;
  if (!d.suggestion.empty()) out += " (did you mean '" + d.suggestion + "'?)";
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  // A typo changes a few characters; anything further is a different word.
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  return best_distance <= allowed ? best : std::string{};
}

}  // namespace tlsrpt::scenario
