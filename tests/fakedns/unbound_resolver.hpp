// unbound as a local validating resolver in front of the fake, as a real MTA sits behind one: its
// own loopback address and port (random, or the caller's: on port 53 a peer that reads
// /etc/resolv.conf can use it), config in a temp dir, the fake's trust anchors, a stub zone per
// served zone. Runs in the foreground (-d) and is killed by PID when the object goes away.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fakedns/server.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {

class UnboundResolver {
 public:
  // Validates every zone of `server` whose anchor is in the server's trust-anchor file.
  // Throws std::runtime_error when unbound cannot start (e.g. the port is taken).
  explicit UnboundResolver(const fakedns::Server& server);
  UnboundResolver(const fakedns::Server& server, std::string address, std::uint16_t port);
  ~UnboundResolver();
  UnboundResolver(const UnboundResolver&) = delete;
  UnboundResolver& operator=(const UnboundResolver&) = delete;

  const std::string& address() const { return address_; }
  std::uint16_t port() const { return port_; }
  // A resolv.conf naming this resolver and trusting its AD bit (glibc drops AD without trust-ad).
  // Only meaningful on port 53: resolv.conf has no port.
  const std::filesystem::path& resolv_conf() const { return resolv_conf_; }

  // dig through the resolver (recursion desired), with +dnssec.
  ProcessResult dig(const std::string& name, const std::string& type) const;
  std::string log() const;  // unbound's own output, for failure messages

 private:
  std::filesystem::path dir_;
  std::filesystem::path resolv_conf_;
  std::string address_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace tlsrpt::test
