// One HTTP or HTTPS listener on a loopback address: a session per connection, a deadline on every
// operation, the Limits enforced, and TLS certificates chosen by SNI and replaceable while running.
// Asio and Beast stay behind the pimpl; handlers see only message.hpp.
//
//   http::Server server({.address = "127.0.0.5", .tls = true}, handler);
//   server.set_identity("mta-sts.example.test", {chain_pem, key_pem});
//   server.start();                        // binds; throws std::runtime_error on failure
//   ... server.port() ...
//   server.stop();                         // also done by the destructor
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "fakemx/http/limits.hpp"
#include "fakemx/http/message.hpp"

namespace tlsrpt::fakemx::http {

// A certificate chain (leaf first, then intermediates) and its private key, both PEM.
struct TlsIdentity {
  std::string chain_pem;
  std::string key_pem;
};

struct ServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port, read it back with port()
  bool tls = true;
  Limits limits{};
  unsigned threads = 2;
};

struct ServerStats {
  std::uint64_t accepted = 0;
  std::uint64_t refused = 0;  // closed at once because max_connections were open
  std::uint64_t open = 0;     // connections open right now
  std::uint64_t requests = 0;
  std::uint64_t rejected = 0;  // answered 4xx by the error policy or closed on a protocol error
};

class Server {
 public:
  Server(ServerConfig config, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  void stop();
  std::uint16_t port() const;
  const std::string& address() const;

  // The certificate served for an SNI name ("" = for clients without SNI or with an unknown name;
  // without it the first identity set is used). Takes effect for the next handshake. Throws
  // std::invalid_argument when the PEM does not load or the key does not match.
  void set_identity(const std::string& server_name, const TlsIdentity& identity);

  ServerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::fakemx::http
