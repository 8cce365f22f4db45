// Drives one scenario along its virtual clock: day by day, the sessions of each stretch between
// two timeline transitions run in parallel, the world changes at the transitions, and each day
// ends with the senders' reports. Ctrl-C (a stop flag) ends the run early with what was measured.
#pragma once

#include <atomic>
#include <functional>

#include "sim/runner/backend.hpp"
#include "sim/runner/run_result.hpp"
#include "sim/scenario/model.hpp"

namespace tlsrpt::runner {

struct Progress {
  std::int64_t sessions_done = 0;
  std::int64_t sessions_total = 0;
  std::int64_t failures = 0;
  UnixTime virtual_now = 0;
};

struct DriveOptions {
  unsigned threads = 4;
  const std::atomic<bool>* stop = nullptr;  // set by a signal handler
  std::function<void(const Progress&)> on_progress;  // called from the driving thread
};

// Runs the scenario against `backend`, filling `result` (status, tallies, reports).
void drive(const scenario::Scenario& s, Backend& backend, const DriveOptions& options, RunResult& result);

// Loads nothing, checks nothing: picks the live backend and drives it; unsupported features
// make the result `unsupported` instead of running.
RunResult run_scenario(const scenario::Scenario& s, const DriveOptions& options);

}  // namespace tlsrpt::runner
