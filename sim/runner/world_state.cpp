#include "sim/runner/world_state.hpp"

#include <algorithm>

namespace tlsrpt::runner {

WorldState state_at(const scenario::Scenario& s, scenario::UnixTime t) {
  WorldState w;
  for (const auto& mx : s.mx) {
    w.mx[mx.host] = MxState{mx.cert, 0, mx.starttls, false, mx.tlsa};
    if (mx.published) w.published_mx.push_back(mx.host);
  }
  w.policy = s.mta_sts;
  for (const auto& e : s.timeline) {
    if (e.at > t) break;  // the timeline is sorted by `at`
    const bool active = !e.until || t < *e.until;
    if (e.action == "replace-cert") {
      auto& mx = w.mx[e.target];
      mx.cert = e.cert;
      ++mx.cert_generation;
    } else if (e.action == "mx-records") {
      w.published_mx = e.values;
    } else if (e.action == "sts-id") {
      w.policy.id = e.value;
    } else if (e.action == "sts-policy") {
      w.policy.mode = e.policy.mode;
      w.policy.mx = e.policy.mx;
      w.policy.max_age = e.policy.max_age;
    } else if (e.action == "policy-host") {
      if (active) w.policy.host_fault = e.value;
    } else if (e.action == "attacker") {
      if (active) w.mx[e.target].stripped = true;
    } else if (e.action == "dns-fault") {
      if (active) w.dns_faults[e.target] = e.value;
    } else if (e.action == "tlsa") {
      w.mx[e.target].tlsa = e.value == "match"      ? scenario::TlsaState::match
                            : e.value == "ta-match"  ? scenario::TlsaState::ta_match
                            : e.value == "wrong"     ? scenario::TlsaState::wrong
                            : e.value == "malformed" ? scenario::TlsaState::malformed
                                                     : scenario::TlsaState::none;
    } else if (e.action == "starttls") {
      w.mx[e.target].starttls = e.value == "true";
    } else if (e.action == "report-delivery") {
      if (active) w.report_delivery_fault = e.value;
    }
  }
  return w;
}

std::vector<scenario::UnixTime> transition_times(const scenario::Scenario& s) {
  std::vector<scenario::UnixTime> times;
  auto add = [&](scenario::UnixTime t) {
    if (t >= s.start && t < s.end()) times.push_back(t);
  };
  for (const auto& e : s.timeline) {
    add(e.at);
    if (e.until) add(*e.until);
  }
  // Certificates expire and start to be valid by themselves; those instants matter too.
  auto add_cert = [&](const scenario::CertSpec& c) {
    if (c.not_before) add(*c.not_before);
    if (c.not_after) add(*c.not_after);
  };
  for (const auto& mx : s.mx) add_cert(mx.cert);
  for (const auto& e : s.timeline) add_cert(e.cert);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

}  // namespace tlsrpt::runner
