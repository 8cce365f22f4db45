#include "sim/runner/schedule.hpp"

#include <algorithm>
#include <string>

#include "core/util/rng.hpp"

namespace tlsrpt::runner {

const std::vector<double>& hour_weights(const std::string& shape) {
  static const std::vector<double> flat(24, 1.0);
  static const std::vector<double> business{0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.0, 2.5, 3, 3, 3,
                                            2.5, 3, 3, 3, 2.5, 2, 1, 0.6, 0.5, 0.4, 0.3, 0.2};
  static const std::vector<double> evening{0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.8, 0.8, 0.9,
                                           1.0, 0.9, 0.9, 1.0, 1.2, 1.6, 2.5, 3, 3, 2.5, 1.5, 0.8};
  if (shape == "business-hours") return business;
  if (shape == "evening-peak") return evening;
  return flat;
}

std::vector<PlannedSession> plan_day(const scenario::Scenario& s, int day) {
  const scenario::UnixTime day_start = s.start - ((s.start % 86400) + 86400) % 86400 + static_cast<scenario::UnixTime>(day - 1) * 86400;
  std::vector<PlannedSession> sessions;
  const Rng root(s.seed);
  for (std::uint32_t i = 0; i < s.senders.size(); ++i) {
    const auto& sender = s.senders[i];
    Rng rng = root.fork("schedule:" + sender.org + ":day" + std::to_string(day));
    const auto& weights = hour_weights(sender.shape);
    double total = 0;
    for (double w : weights) total += w;
    for (std::int64_t n = 0; n < sender.sessions; ++n) {
      double pick = rng.unit() * total;
      std::size_t hour = 0;
      while (hour + 1 < weights.size() && pick >= weights[hour]) pick -= weights[hour++];
      const auto second = static_cast<scenario::UnixTime>(rng.below(3600));
      const scenario::UnixTime at = day_start + static_cast<scenario::UnixTime>(hour) * 3600 + second;
      if (at < s.start || at >= s.end()) continue;
      sessions.push_back({at, i, rng.next()});
    }
  }
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const PlannedSession& a, const PlannedSession& b) { return a.at < b.at; });
  return sessions;
}

}  // namespace tlsrpt::runner
