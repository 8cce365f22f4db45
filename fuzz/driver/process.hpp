// Runs one case of `fuzz --exec`: fork + exec with an argument vector in a given directory, stdin
// from a file, stdout/stderr into files there, under a wall-clock deadline and a memory limit
// (RLIMIT_AS where the program tolerates it, and resident size sampled while it runs).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tlsrpt::fuzz {

struct ProcessLimits {
  std::chrono::milliseconds timeout{2000};
  std::size_t memory_mb = 2048;   // resident set (sampled) and, unless address_limit is off, RLIMIT_AS
  bool address_limit = true;      // off for sanitizer builds, which reserve terabytes of address space
  std::size_t output_cap = 1 << 20;  // bytes of stdout/stderr kept for classification
};

struct ProcessRun {
  int exit_code = -1;     // -1 when killed by a signal
  int signal = 0;         // the terminating signal (SIGKILL for our own kills too)
  bool timed_out = false;     // we killed it at the deadline
  bool memory_exceeded = false;  // we killed it over the memory limit, or its peak RSS passed it
  std::size_t peak_rss_kb = 0;
  std::chrono::nanoseconds elapsed{};
  std::string out, err;   // capped at output_cap
  std::string spawn_error;  // the program could not be started at all
};

// `argv[0]` must already be a path (see resolve_program). `stdin_path` empty = /dev/null.
ProcessRun run_process(const std::vector<std::string>& argv, const std::string& dir, const std::string& stdin_path,
                       const ProcessLimits& limits);

// Whether the executable links a sanitizer runtime (its address-space reservation defeats RLIMIT_AS).
bool links_sanitizer(const std::string& executable);

}  // namespace tlsrpt::fuzz
