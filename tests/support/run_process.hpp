// Runs a program with an argument vector (never a shell), optional stdin, a deadline, and captures
// stdout/stderr. Used to drive the real tlsrpt-lab binary and third-party peers (dig, openssl, swaks...).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tlsrpt::test {

struct ProcessResult {
  int exit_code = -1;       // -1 when killed by a signal or the deadline
  int signal = 0;           // the terminating signal, 0 if none
  bool timed_out = false;
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data = {},
                          std::chrono::milliseconds deadline = std::chrono::seconds(60),
                          const std::optional<std::filesystem::path>& cwd = std::nullopt);

// run_process({binary(), args...})
ProcessResult run_lab(const std::vector<std::string>& args, const std::string& stdin_data = {},
                      std::chrono::milliseconds deadline = std::chrono::seconds(120));

// Whether a program is on PATH (third-party peers are installed by setup.sh; tests skip loudly if not).
bool have_program(const std::string& name);

}  // namespace tlsrpt::test
