#include "sim/runner/run_result.hpp"

namespace tlsrpt::runner {

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::completed: return "completed";
    case RunStatus::interrupted: return "interrupted";
    case RunStatus::unsupported: return "unsupported";
    case RunStatus::harness_error: return "harness-error";
  }
  return "?";
}

void Recorder::record(const SessionOutcome& o) {
  const std::lock_guard lock(mutex_);
  auto& tally = result_.sessions[SessionKey{o.day, o.sender, o.mx, o.policy_type, o.result_type}];
  if (tally.count == 0 || o.at < tally.first) tally.first = o.at;
  if (tally.count == 0 || o.at > tally.last) tally.last = o.at;
  ++tally.count;
  ++result_.total_sessions;
  auto& delivery = result_.deliveries[{o.day, o.sender}];
  delivery.delivered += o.delivered ? 1 : 0;
  delivery.deferred += o.deferred ? 1 : 0;
  if (o.result_type.empty()) return;
  ++result_.hourly_failures[{o.at - o.at % 3600, o.mx, o.result_type}];
  if (result_.transcripts.size() < max_transcripts && !o.transcript.empty())
    result_.transcripts.push_back({o.at, o.sender, o.mx, o.result_type, o.transcript});
}

void Recorder::record_report(ArrivedReport report) {
  const std::lock_guard lock(mutex_);
  result_.reports.push_back(std::move(report));
}

}  // namespace tlsrpt::runner
