// The state of the scenario's world at a virtual instant: which certificate each MX presents,
// which hosts the MX RRset lists, the MTA-STS policy and its id, and the faults in force.
// A pure function of the scenario and the time; the runner applies the difference between two
// states to the live fakes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/scenario/model.hpp"

namespace tlsrpt::runner {

struct MxState {
  scenario::CertSpec cert;
  int cert_generation = 0;  // bumped by every replace-cert: a new key each time
  bool starttls = true;
  bool stripped = false;    // an on-path attacker removes STARTTLS
  scenario::TlsaState tlsa = scenario::TlsaState::none;
  bool operator==(const MxState&) const = default;
};

struct WorldState {
  std::map<std::string, MxState> mx;       // by host
  std::vector<std::string> published_mx;   // in the MX RRset, scenario order
  scenario::StsPolicy policy;              // mode, mx, max_age, id, host fault
  std::map<std::string, std::string> dns_faults;  // name -> fault
  std::string report_delivery_fault;       // "" | refuse | tempfail
  bool operator==(const WorldState&) const = default;
};

WorldState state_at(const scenario::Scenario& s, scenario::UnixTime t);

// Every instant at which the state may change (event starts and ends), ascending, inside the run.
std::vector<scenario::UnixTime> transition_times(const scenario::Scenario& s);

}  // namespace tlsrpt::runner
