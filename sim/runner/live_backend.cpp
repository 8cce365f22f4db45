// The live backend: the fakes in-process on their own loopback addresses, and the simulated
// senders talking to them over the network. A feature whose component is not in this build
// is reported as unsupported, never silently skipped.
#include "sim/runner/backend.hpp"

namespace tlsrpt::runner {

BackendChoice make_live_backend(const scenario::Scenario&) {
  BackendChoice choice;
  choice.unsupported.push_back("live sessions: the simulated sending MTA (sim/mta Sender) is not wired into this build");
  return choice;
}

}  // namespace tlsrpt::runner
