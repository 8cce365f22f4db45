#include "fakemx/smtp/host_state.hpp"

#include "fakemx/pki/authority.hpp"

namespace tlsrpt::fakemx::smtp::detail {

HostState::SessionStart HostState::begin_session() {
  SessionStart start;
  start.id = ++sessions;
  std::lock_guard lock(mutex);
  for (Armed& armed : faults) {
    bool fires = false;
    if (armed.trigger.count) {
      fires = *armed.trigger.count > 0;
      if (fires) --*armed.trigger.count;
    } else {
      fires = rng.chance(armed.trigger.probability);
    }
    if (fires) {
      start.fault = armed.fault;
      armed.fault->shape(start.plan);
      ++faults_fired;
      break;
    }
  }
  start.tls = tls[static_cast<std::size_t>(start.plan.tls_shape)];
  start.plan.starttls.available = start.tls != nullptr;
  start.hook = hook;
  return start;
}

void HostState::set_credential(std::shared_ptr<const pki::Credential> credential) {
  std::array<std::shared_ptr<const ServerTls>, 3> built;
  if (credential) {
    for (auto shape : {TlsShape::normal, TlsShape::tls1_0_only, TlsShape::no_shared_cipher})
      built[static_cast<std::size_t>(shape)] = std::make_shared<const ServerTls>(*credential, shape);
  }
  std::lock_guard lock(mutex);
  tls = std::move(built);
}

}  // namespace tlsrpt::fakemx::smtp::detail
