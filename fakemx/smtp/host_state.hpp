// The shared, mutable state of one MX host (internal): what the public MxHost handle changes and
// what each new session takes a consistent snapshot of.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/util/rng.hpp"
#include "fakemx/smtp/faults/fault.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "fakemx/smtp/server_tls.hpp"

namespace tlsrpt::fakemx::smtp::detail {

struct HostState {
  explicit HostState(MxHostConfig c) : config(std::move(c)), rng(Rng(config.seed).fork("fakemx:" + config.hostname)) {}

  // Everything a session needs, decided once when it starts.
  struct SessionStart {
    std::uint64_t id = 0;
    SessionPlan plan;
    std::shared_ptr<const ServerTls> tls;  // for plan.tls_shape; nullptr when no credential is set
    MessageHook hook;
    const TlsFault* fault = nullptr;       // the fault that fired, if any
  };
  SessionStart begin_session();

  void set_credential(std::shared_ptr<const pki::Credential> credential);
  void arm_credential(std::shared_ptr<const pki::Credential> credential, FaultTrigger trigger);

  using TlsByShape = std::array<std::shared_ptr<const ServerTls>, 3>;  // indexed by TlsShape
  static TlsByShape build_tls(const pki::Credential* credential);

  const MxHostConfig config;
  std::uint16_t bound_port = 0;

  mutable std::mutex mutex;  // guards what follows, up to the counters
  struct Armed {
    const TlsFault* fault;
    FaultTrigger trigger;
  };
  std::vector<Armed> faults;
  struct ArmedCredential {  // a certificate profile served instead of the host's own, by trigger
    TlsByShape tls;
    FaultTrigger trigger;
  };
  std::vector<ArmedCredential> credentials;
  TlsByShape tls;
  MessageHook hook;
  Rng rng;

  std::atomic<std::uint64_t> sessions{0}, refused{0}, active{0}, tls_handshakes{0}, tls_failures{0},
      messages{0}, faults_fired{0};
};

}  // namespace tlsrpt::fakemx::smtp::detail
