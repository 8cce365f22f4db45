// "What broke": failed sessions grouped by MX and result type, with when and for whom. Shared by
// the terminal summary and the HTML page.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "sim/runner/run_result.hpp"

namespace tlsrpt::runner {

struct Breakage {
  std::string mx;
  std::string result_type;
  std::int64_t sessions = 0;
  UnixTime first = 0;
  UnixTime last = 0;
  std::set<std::string> senders;
};

// Largest first.
std::vector<Breakage> breakages(const RunResult& run);

// "1,234"
std::string thousands(std::int64_t n);

}  // namespace tlsrpt::runner
