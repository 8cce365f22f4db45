// Fake MX hosts: real ESMTP with in-place STARTTLS, one listener per host on its own loopback
// address, each with a TLS credential and faults that can change while it runs. Asio stays inside.
//
//   MxServer server(2);                                      // two I/O threads
//   MxHost mx1 = server.add_host({.hostname = "mx1.example.test", .address = "127.0.1.1"});
//   mx1.set_credential(std::make_shared<pki::Credential>(pki.mint({...})));
//   mx1.arm_fault("starttls-454", {.count = 3});              // the next three sessions
//   mx1.set_message_hook([](const Envelope& e, std::string_view mail) { return Reply{250, "2.0.0 Ok"}; });
//   ... connect to mx1.address():mx1.port() ...
//   server.stop();                                           // or let the destructor do it
//
// Every method of MxServer and MxHost is thread-safe. Hosts listen from add_host() on.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakemx/smtp/protocol.hpp"

namespace tlsrpt::fakemx::pki {
struct Credential;
}

namespace tlsrpt::fakemx::smtp {

struct MxHostConfig {
  std::string hostname;                  // named in the 220 greeting and the EHLO reply
  std::string address = "127.0.0.1";    // each host gets its own loopback address
  std::uint16_t port = 0;                // 0: any free port; read it back with MxHost::port()
  Limits limits;
  std::chrono::milliseconds io_timeout{30000};     // deadline of every read, write and handshake
  std::chrono::milliseconds session_limit{300000}; // whole-session deadline (slowloris defence)
  std::size_t max_connections = 512;     // beyond this, a new connection gets 421 and is closed
  std::uint64_t seed = 1;                // probability triggers draw from Rng(seed).fork(hostname)
  std::optional<std::filesystem::path> transcript_dir;  // one file per session when set
};

// When an armed fault fires: for the next `count` sessions if count is set, otherwise on each
// session with `probability` (a seeded draw).
struct FaultTrigger {
  std::optional<std::uint64_t> count;
  double probability = 1.0;
};

struct HostStats {
  std::uint64_t sessions = 0;        // accepted connections, refused ones included
  std::uint64_t refused = 0;         // answered 421 because of max_connections
  std::uint64_t active = 0;          // sessions in progress now
  std::uint64_t tls_handshakes = 0;  // completed
  std::uint64_t tls_failures = 0;    // handshakes that failed or timed out
  std::uint64_t messages = 0;        // acknowledged with a 2xx reply
  std::uint64_t faults_fired = 0;
};

namespace detail {
struct HostState;
}

// A handle to one MX host; cheap to copy. Stays usable after the server stops (it then listens no more).
class MxHost {
 public:
  const std::string& hostname() const;
  const std::string& address() const;
  std::uint16_t port() const;  // the bound port

  // The certificate, key and chain served from the next handshake on. nullptr: STARTTLS is still
  // advertised but answered 454 (no TLS available). Throws pki::OpensslError if OpenSSL refuses it.
  void set_credential(std::shared_ptr<const pki::Credential> credential);

  // Arms a fault by its stable name (fakemx/smtp/faults/registry.cpp); throws std::invalid_argument
  // for an unknown name. Armed faults are tried in order; the first that fires shapes the session.
  void arm_fault(std::string_view name, FaultTrigger trigger = {});

  // A certificate fault by count or probability: the sessions the trigger picks are served
  // `credential` (e.g. an expired or wrong-name profile) instead of the host's own.
  void arm_credential(std::shared_ptr<const pki::Credential> credential, FaultTrigger trigger);

  void clear_faults();  // both kinds

  void set_message_hook(MessageHook hook);
  HostStats stats() const;

 private:
  friend class MxServer;
  explicit MxHost(std::shared_ptr<detail::HostState> state) : state_(std::move(state)) {}
  std::shared_ptr<detail::HostState> state_;
};

class MxServer {
 public:
  explicit MxServer(unsigned io_threads = 1);
  ~MxServer();  // stop()
  MxServer(const MxServer&) = delete;
  MxServer& operator=(const MxServer&) = delete;

  // Binds and starts listening. Throws std::system_error if the address cannot be bound.
  MxHost add_host(MxHostConfig config);
  std::vector<MxHost> hosts() const;

  // Closes the listeners and every session, joins the I/O threads. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Names of every fault, for usage texts.
std::vector<std::string> fault_names();

}  // namespace tlsrpt::fakemx::smtp
