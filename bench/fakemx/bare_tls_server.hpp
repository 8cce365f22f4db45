// The baseline for the STARTTLS benchmark: an Asio accept loop that does a TLS handshake, reads
// one byte, answers one byte and closes; nothing else. Same credential and TLS settings as fakemx.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace tlsrpt::fakemx::pki {
struct Credential;
}

namespace tlsrpt::bench {

class BareTlsServer {
 public:
  BareTlsServer(const std::string& address, const fakemx::pki::Credential& credential);
  ~BareTlsServer();
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::bench
