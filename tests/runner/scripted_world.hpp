// A scenario and a backend whose sessions follow simple rules (an MX fails with a given result
// type while a condition holds), for testing the driver, the checks and the outputs without the
// network. The live backend is exercised through the real binary in tests/scenarios.
#pragma once

#include <fstream>
#include <mutex>

#include "sim/runner/backend.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {

inline const char* const scripted_yaml = R"(id: 8460-4.3.1-scripted
title: Scripted
description: mx2 fails from 14:00.
seed: 3
clock: {start: "2026-03-01T00:00:00Z", days: 2}
domain: example.test
mta-sts: {mode: enforce}
tlsrpt: "v=TLSRPTv1; rua=mailto:tlsrpt@reports.test"
certs:
  late: {not_after: "2026-03-01T14:00:00Z"}
mx:
  - {host: mx1.example.test}
  - {host: mx2.example.test, cert: late}
senders:
  - {org: A, mode: mta-sts, sessions: 400}
  - {org: B, mode: mta-sts, sessions: 100, shape: evening-peak}
timeline:
  - {at: "day 2 06:00", until: "day 2 08:00", attacker: {strip-starttls: mx1.example.test}}
expect:
  - {id: expired, mx: mx2.example.test, result-type: certificate-expired, sessions: ">0", after: "14:00"}
  - {id: stripped, mx: mx1.example.test, result-type: starttls-not-supported, sessions: ">0", after: "day 2 06:00", before: "day 2 08:00"}
  - {id: reports, reports: 4, valid: strict}
)";

inline scenario::Scenario scripted_scenario(const std::string& text = scripted_yaml) {
  const auto dir = make_temp_dir("scripted");
  std::ofstream(dir / "s.yaml") << text;
  auto loaded = scenario::load_scenario(dir / "s.yaml");
  if (!loaded.ok()) throw std::runtime_error(loaded.diagnostics.empty() ? "?" : scenario::format(loaded.diagnostics[0]));
  return *loaded.scenario;
}

// Sessions alternate between the two MX hosts; an expired certificate or a stripping attacker
// (as the world state says) makes the session fail.
class ScriptedBackend : public runner::Backend {
 public:
  explicit ScriptedBackend(const scenario::Scenario& s) : s_(s) {}

  void apply(const runner::WorldState& state, runner::UnixTime at) override {
    const std::lock_guard lock(mutex_);
    state_ = state;
    applied.push_back(at);
  }
  runner::SessionOutcome run_session(const runner::PlannedSession& p) override {
    runner::WorldState state;
    {
      const std::lock_guard lock(mutex_);
      state = state_;
    }
    runner::SessionOutcome o;
    o.at = p.at;
    o.day = static_cast<int>((p.at - s_.start) / 86400) + 1;
    o.sender = s_.senders[p.sender].org;
    o.mx = p.seed % 2 ? "mx1.example.test" : "mx2.example.test";
    o.policy_type = "sts";
    const auto& mx = state.mx.at(o.mx);
    if (mx.stripped) o.result_type = "starttls-not-supported";
    else if (mx.cert.not_after && p.at >= *mx.cert.not_after) o.result_type = "certificate-expired";
    o.delivered = true;
    if (!o.result_type.empty()) o.transcript = "S: 220 " + o.mx + "\nC: EHLO sender\n";
    return o;
  }
  void end_of_day(int day, runner::UnixTime, runner::Recorder& recorder) override {
    for (const auto& sender : s_.senders) {
      runner::ArrivedReport r;
      r.sender = sender.org;
      r.rua = "mailto:tlsrpt@reports.test";
      r.filename = "sender!example.test!" + std::to_string(day) + "!" + sender.org + ".json.gz";
      r.gzip = "not really gzip";
      r.day = day;
      r.valid_strict = true;
      recorder.record_report(std::move(r));
    }
    ++days_ended;
  }
  void finish(runner::UnixTime, runner::Recorder&) override { finished = true; }

  std::vector<runner::UnixTime> applied;
  int days_ended = 0;
  bool finished = false;

 private:
  const scenario::Scenario& s_;
  std::mutex mutex_;
  runner::WorldState state_;
};

}  // namespace tlsrpt::test
