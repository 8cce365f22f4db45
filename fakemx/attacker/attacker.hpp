// The on-path attacker: a TCP proxy on its own loopback address in front of a real MX, which
// tampers with STARTTLS as configured (starttls_filter.hpp) while the MX behind it stays untouched.
// Point the sender at the attacker's address (e.g. by the MX's A record) to reproduce a downgrade.
//
//   Attacker evil({.listen_address = "127.0.9.1", .upstream_address = mx.address(),
//                  .upstream_port = mx.port(), .mode = AttackMode::strip_starttls});
//   evil.set_mode(AttackMode::pass_through);  // the attack ends; the path stays
//   evil.stop(); evil.start();                // the proxy goes away and comes back on the same port
//
// Thread-safe. Runs its own I/O thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "fakemx/attacker/starttls_filter.hpp"

namespace tlsrpt::fakemx::attacker {

struct AttackerConfig {
  std::string listen_address = "127.0.0.1";
  std::uint16_t listen_port = 0;  // 0: any free port, kept across stop()/start()
  std::string upstream_address;
  std::uint16_t upstream_port = 25;
  AttackMode mode = AttackMode::strip_starttls;
  std::chrono::milliseconds io_timeout{30000};  // a connection idle this long in both directions is cut
  std::size_t max_connections = 512;
};

struct AttackerStats {
  std::uint64_t connections = 0;
  std::uint64_t tampered = 0;          // connections where the filter changed or answered something
  std::uint64_t upstream_failures = 0; // the MX could not be reached
};

class Attacker {
 public:
  // Binds and starts relaying. Throws std::system_error if the address cannot be bound.
  explicit Attacker(AttackerConfig config);
  ~Attacker();
  Attacker(const Attacker&) = delete;
  Attacker& operator=(const Attacker&) = delete;

  const std::string& address() const;
  std::uint16_t port() const;

  void set_mode(AttackMode mode);  // applies to connections accepted from now on
  AttackMode mode() const;

  void stop();   // stops listening and cuts every relayed connection
  void start();  // listens again on the same address and port
  bool running() const;

  AttackerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::fakemx::attacker
