// unbound as the validating recursive resolver a real MTA sits behind: it trusts the fake DNS's
// DS anchors, sends every *.test query to the fake (stub zones), and listens on an address and
// port of the test's choosing, so that on port 53 a peer reading /etc/resolv.conf can use it.
// Runs in the foreground and is killed by PID when the object goes away.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "fakedns/server.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {

class ValidatingResolver {
 public:
  // Throws std::runtime_error when unbound cannot start (e.g. the port is taken).
  ValidatingResolver(const fakedns::Server& server, std::string address, std::uint16_t port);
  ~ValidatingResolver();
  ValidatingResolver(const ValidatingResolver&) = delete;
  ValidatingResolver& operator=(const ValidatingResolver&) = delete;

  const std::string& address() const { return address_; }
  std::uint16_t port() const { return port_; }
  // A resolv.conf naming this resolver and trusting its AD bit (glibc drops AD without trust-ad).
  // Only meaningful on port 53: resolv.conf has no port.
  const std::filesystem::path& resolv_conf() const { return resolv_conf_; }

  // dig +dnssec through the resolver.
  ProcessResult dig(const std::string& name, const std::string& type) const;
  std::string log() const;  // unbound's own output, for failure messages

 private:
  std::filesystem::path dir_;
  std::filesystem::path resolv_conf_;
  std::string address_;
  std::uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace tlsrpt::test::peers
