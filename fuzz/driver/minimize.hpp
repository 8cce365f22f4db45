// Shrinking a finding's input while it still reproduces: first delta debugging on the JSON
// structure (drop object members and array elements, largest first), then on the bytes (ddmin
// over ever smaller chunks). A gzip member is inflated, shrunk as JSON and compressed again.
// Bounded by a number of attempts and a wall-clock budget; never returns something that did not
// reproduce.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace tlsrpt::fuzz {

struct MinimizeBudget {
  std::size_t max_attempts = 2000;
  std::chrono::milliseconds max_time{30000};
};

struct Minimized {
  std::string bytes;
  std::size_t attempts = 0;
  bool structural = false;  // the JSON pass applied
};

// `reproduces(candidate)` runs the target and says whether the same finding happened again.
Minimized minimize(const std::string& input, const std::function<bool(const std::string&)>& reproduces,
                   const MinimizeBudget& budget);

}  // namespace tlsrpt::fuzz
