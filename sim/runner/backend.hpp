// The live side of a run: the fakes (DNS, MX hosts, policy host, attacker, sink) and the sending
// MTAs that talk to them over the network. The driver (sim/runner/driver.hpp) only decides what
// happens when; a backend makes it happen.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/runner/run_result.hpp"
#include "sim/runner/schedule.hpp"
#include "sim/runner/world_state.hpp"

namespace tlsrpt::runner {

class Backend {
 public:
  virtual ~Backend() = default;
  // Bring the live world to `state` (certificates, records, faults) as of virtual time `at`.
  virtual void apply(const WorldState& state, UnixTime at) = 0;
  // One session, called from several threads at once.
  virtual SessionOutcome run_session(const PlannedSession& session) = 0;
  // The UTC day `day` has ended at `at`: senders build and deliver their reports; what reached
  // the sink is recorded. Reports that could not be delivered are retried by the next call.
  virtual void end_of_day(int day, UnixTime at, Recorder& recorder) = 0;
  // After the last day: retry whatever is still queued, then collect.
  virtual void finish(UnixTime at, Recorder& recorder) = 0;
};

struct BackendChoice {
  std::unique_ptr<Backend> backend;       // null when this build cannot run the scenario
  std::vector<std::string> unsupported;   // which features are missing, and why
};

// The backend of this build for a scenario: the in-process fakes and simulated senders.
BackendChoice make_live_backend(const scenario::Scenario& s);

}  // namespace tlsrpt::runner
