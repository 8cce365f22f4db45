// A long-running `tlsrpt-lab` command (dns, mx) started in the background for a test: read its banner, then stop
// it with a signal and collect its exit status and output. Killed by PID, never by name.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace tlsrpt::test {

class LabProcess {
 public:
  // Starts `tlsrpt-lab args...` and waits (up to `deadline`) until it prints a line equal to
  // `ready_line`; throws when it exits or times out first.
  LabProcess(const std::vector<std::string>& args, const std::string& ready_line = "ready",
             std::chrono::milliseconds deadline = std::chrono::seconds(60));
  ~LabProcess();
  LabProcess(const LabProcess&) = delete;
  LabProcess& operator=(const LabProcess&) = delete;

  const std::string& output() const { return out_; }  // what it printed so far
  // Sends `signal`, waits for the exit; returns the exit code (-1 when killed by a signal).
  int stop(int signal, std::chrono::milliseconds deadline = std::chrono::seconds(30));
  // Reads more output for up to `wait`, until `needle` appears; returns whether it did.
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds wait);

 private:
  void pump(std::chrono::milliseconds wait);
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string out_;
};

}  // namespace tlsrpt::test
