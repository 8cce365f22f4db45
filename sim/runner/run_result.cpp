#include "sim/runner/run_result.hpp"

#include <algorithm>
#include <tuple>

namespace tlsrpt::runner {
namespace {

// Transcripts kept are the earliest in virtual time, not the first to finish, so the same seed
// keeps the same ones however sessions interleave.
bool earlier(const Transcript& a, const Transcript& b) {
  return std::tie(a.at, a.sender, a.mx, a.result_type, a.text) < std::tie(b.at, b.sender, b.mx, b.result_type, b.text);
}

}  // namespace

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
  if (o.transcript.empty()) return;
  auto& kept = result_.transcripts;
  if (kept.size() == max_transcripts && o.at > kept.back().at) return;  // cheap exit once full
  Transcript t{o.at, o.sender, o.mx, o.result_type, o.transcript};
  if (kept.size() == max_transcripts && !earlier(t, kept.back())) return;
  kept.insert(std::upper_bound(kept.begin(), kept.end(), t, earlier), std::move(t));
  if (kept.size() > max_transcripts) kept.pop_back();
}

void Recorder::record_report(ArrivedReport report) {
  const std::lock_guard lock(mutex_);
  result_.reports.push_back(std::move(report));
}

}  // namespace tlsrpt::runner
