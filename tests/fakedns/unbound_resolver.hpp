// unbound as a local validating resolver in front of the fake: its own loopback address and port,
// config in a temp dir, the fake's trust anchors, a stub zone per served zone. Run in the foreground
// (-d) and killed by PID when the object goes away.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fakedns/server.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {

class UnboundResolver {
 public:
  // Validates every zone of `server` whose anchor is in the server's trust-anchor file.
  explicit UnboundResolver(const fakedns::Server& server);
  ~UnboundResolver();
  UnboundResolver(const UnboundResolver&) = delete;
  UnboundResolver& operator=(const UnboundResolver&) = delete;

  // dig through the resolver (recursion desired), with +dnssec.
  ProcessResult dig(const std::string& name, const std::string& type) const;
  std::string log() const;  // unbound's own output, for failure messages

 private:
  std::filesystem::path dir_;
  std::string address_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace tlsrpt::test
