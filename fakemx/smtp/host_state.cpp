#include "fakemx/smtp/host_state.hpp"

#include "fakemx/pki/authority.hpp"

#include <stdexcept>

namespace tlsrpt::fakemx::smtp::detail {

namespace {

// Whether an armed trigger picks this session; a count trigger is used up as it fires.
bool fires(FaultTrigger& trigger, Rng& rng) {
  if (trigger.count) {
    if (*trigger.count == 0) return false;
    --*trigger.count;
    return true;
  }
  return rng.chance(trigger.probability);
}

}  // namespace

HostState::SessionStart HostState::begin_session() {
  SessionStart start;
  start.id = ++sessions;
  std::lock_guard lock(mutex);
  for (Armed& armed : faults) {
    if (fires(armed.trigger, rng)) {
      start.fault = armed.fault;
      armed.fault->shape(start.plan);
      ++faults_fired;
      break;
    }
  }
  const TlsByShape* served = &tls;
  for (ArmedCredential& armed : credentials) {
    if (fires(armed.trigger, rng)) {
      served = &armed.tls;
      ++faults_fired;
      break;
    }
  }
  start.tls = (*served)[static_cast<std::size_t>(start.plan.tls_shape)];
  start.plan.starttls.available = start.tls != nullptr;
  start.hook = hook;
  return start;
}

HostState::TlsByShape HostState::build_tls(const pki::Credential* credential) {
  TlsByShape built;
  if (credential) {
    for (auto shape : {TlsShape::normal, TlsShape::tls1_0_only, TlsShape::no_shared_cipher})
      built[static_cast<std::size_t>(shape)] = std::make_shared<const ServerTls>(*credential, shape);
  }
  return built;
}

void HostState::set_credential(std::shared_ptr<const pki::Credential> credential) {
  TlsByShape built = build_tls(credential.get());
  std::lock_guard lock(mutex);
  tls = std::move(built);
}

void HostState::arm_credential(std::shared_ptr<const pki::Credential> credential, FaultTrigger trigger) {
  if (!credential) throw std::invalid_argument("arm_credential needs a credential");
  ArmedCredential armed{build_tls(credential.get()), trigger};
  std::lock_guard lock(mutex);
  credentials.push_back(std::move(armed));
}

}  // namespace tlsrpt::fakemx::smtp::detail
