#include "sim/runner/driver.hpp"

#include <chrono>
#include <thread>

#include "sim/runner/schedule.hpp"
#include "sim/runner/world_state.hpp"

namespace tlsrpt::runner {
namespace {

bool stopped(const DriveOptions& options) { return options.stop && options.stop->load(); }

// Runs sessions[begin, end) on `threads` workers; returns how many failed.
std::int64_t run_batch(Backend& backend, const std::vector<PlannedSession>& sessions, std::size_t begin,
                       std::size_t end, const DriveOptions& options, Recorder& recorder) {
  std::atomic<std::size_t> next{begin};
  std::atomic<std::int64_t> failures{0};
  auto work = [&] {
    for (std::size_t i = next++; i < end && !stopped(options); i = next++) {
      const SessionOutcome outcome = backend.run_session(sessions[i]);
      if (!outcome.result_type.empty()) ++failures;
      recorder.record(outcome);
    }
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(end - begin)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return failures.load();
}

}  // namespace

void drive(const scenario::Scenario& s, Backend& backend, const DriveOptions& options, RunResult& result) {
  const auto started = std::chrono::steady_clock::now();
  Recorder recorder(result);
  const auto transitions = transition_times(s);
  Progress progress;
  for (const auto& sender : s.senders) progress.sessions_total += sender.sessions * s.days;

  WorldState current = state_at(s, s.start);
  backend.apply(current, s.start);
  const UnixTime first_day = s.start - ((s.start % 86400) + 86400) % 86400;
  for (int day = 1; day <= s.days && !stopped(options); ++day) {
    const UnixTime day_end = std::min(first_day + static_cast<UnixTime>(day) * 86400, s.end());
    const auto sessions = plan_day(s, day);
    std::size_t done = 0;
    while (done < sessions.size() && !stopped(options)) {
      const UnixTime segment_start = sessions[done].at;
      const WorldState next = state_at(s, segment_start);
      if (!(next == current)) {
        UnixTime changed_at = s.start;  // the transition that made the difference
        for (UnixTime t : transitions)
          if (t <= segment_start) changed_at = t;
        backend.apply(next, changed_at);
        current = next;
      }
      // The stretch ends at the next transition after this session's time.
      UnixTime segment_end = day_end;
      for (UnixTime t : transitions)
        if (t > segment_start) {
          segment_end = std::min(segment_end, t);
          break;
        }
      std::size_t end = done;
      while (end < sessions.size() && sessions[end].at < segment_end) ++end;
      progress.failures += run_batch(backend, sessions, done, end, options, recorder);
      progress.sessions_done += static_cast<std::int64_t>(end - done);
      progress.virtual_now = sessions[end - 1].at;
      done = end;
      if (options.on_progress) options.on_progress(progress);
    }
    if (stopped(options)) break;
    const WorldState at_end = state_at(s, day_end);
    if (!(at_end == current)) {
      backend.apply(at_end, day_end);
      current = at_end;
    }
    backend.end_of_day(day, day_end, recorder);
  }
  if (stopped(options)) {
    result.status = RunStatus::interrupted;
    result.message = "interrupted after " + std::to_string(progress.sessions_done) + " of " +
                     std::to_string(progress.sessions_total) + " sessions; outputs show what was measured";
  } else {
    backend.finish(s.end(), recorder);
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

RunResult run_scenario(const scenario::Scenario& s, const DriveOptions& options) {
  RunResult result;
  const auto started = std::chrono::steady_clock::now();
  try {
    BackendChoice choice = make_live_backend(s);
    if (!choice.backend || !choice.unsupported.empty()) {
      result.status = RunStatus::unsupported;
      result.unsupported = std::move(choice.unsupported);
      result.message = "this build cannot run every feature the scenario uses";
      return result;
    }
    drive(s, *choice.backend, options, result);
  } catch (const std::exception& e) {
    result.status = RunStatus::harness_error;
    result.message = e.what();
    result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  return result;
}

}  // namespace tlsrpt::runner
