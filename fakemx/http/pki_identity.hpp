// A PKI credential as the TLS identity an HTTPS listener serves (leaf + chain, key).
#pragma once

#include "fakemx/http/server.hpp"
#include "fakemx/pki/authority.hpp"

namespace tlsrpt::fakemx::http {

inline TlsIdentity identity_from(const pki::Credential& credential) {
  return {credential.chain_pem(), credential.key_pem()};
}

}  // namespace tlsrpt::fakemx::http
