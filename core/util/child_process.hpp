// Runs another program as a child and waits for it, bounded: fork + exec with an argument vector
// (never a shell), an optional working directory, stdin from a file (or /dev/null), stdout and
// stderr read through pipes up to a cap, a wall-clock deadline and an optional memory limit
// (RLIMIT_AS where the program tolerates it, and its resident size sampled while it runs). The
// child leads its own process group, which is killed when it ends or overstays, so nothing it
// started outlives the call.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tlsrpt::util {

struct ChildLimits {
  std::chrono::milliseconds timeout{2000};
  std::size_t memory_mb = 0;         // resident set (sampled) and, with address_limit, RLIMIT_AS; 0: none
  bool address_limit = true;         // off for sanitizer builds, which reserve terabytes of address space
  std::size_t output_cap = 1 << 20;  // bytes kept of stdout and of stderr each; the rest is read and dropped
};

struct ChildOptions {
  std::string working_dir;  // "" = the caller's
  std::string stdin_path;   // "" = /dev/null
  ChildLimits limits;
};

struct ChildRun {
  int exit_code = -1;            // -1 when killed by a signal
  int signal = 0;                // the terminating signal (SIGKILL for our own kills too)
  bool timed_out = false;        // we killed it at the deadline
  bool memory_exceeded = false;  // we killed it over the memory limit, or its peak RSS passed it
  std::size_t peak_rss_kb = 0;
  std::chrono::nanoseconds elapsed{};
  std::string out, err;          // capped at output_cap each
  std::string spawn_error;       // the program could not be started at all
  bool ok() const { return spawn_error.empty() && !timed_out && !memory_exceeded && exit_code == 0; }
};

// argv[0] without a '/' is looked up on PATH; a program that is not found is a spawn_error.
ChildRun run_child(const std::vector<std::string>& argv, const ChildOptions& options);

// Whether the executable links a sanitizer runtime (its address-space reservation defeats RLIMIT_AS).
bool links_sanitizer(const std::string& executable);

}  // namespace tlsrpt::util
