#include "sim/runner/incident.hpp"

#include <algorithm>
#include <map>

namespace tlsrpt::runner {

std::vector<Breakage> breakages(const RunResult& run) {
  std::map<std::pair<std::string, std::string>, Breakage> grouped;
  for (const auto& [key, tally] : run.sessions) {
    if (key.result_type.empty()) continue;
    auto& b = grouped[{key.mx, key.result_type}];
    if (b.sessions == 0 || tally.first < b.first) b.first = tally.first;
    if (b.sessions == 0 || tally.last > b.last) b.last = tally.last;
    b.mx = key.mx;
    b.result_type = key.result_type;
    b.sessions += tally.count;
    b.senders.insert(key.sender);
  }
  std::vector<Breakage> out;
  for (auto& [key, b] : grouped) out.push_back(std::move(b));
  std::stable_sort(out.begin(), out.end(), [](const Breakage& a, const Breakage& b) { return a.sessions > b.sessions; });
  return out;
}

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

}  // namespace tlsrpt::runner
