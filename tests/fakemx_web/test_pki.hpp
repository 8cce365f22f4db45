// The run's PKI for the fakemx web tests (fakemx/pki), minted at test time, never written to the
// tree: the trust anchor for curl and identities of any certificate profile.
#pragma once

#include <chrono>
#include <string>

#include "fakemx/http/pki_identity.hpp"
#include "fakemx/pki/authority.hpp"

namespace tlsrpt::test {

inline UnixSeconds wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct TestPki {
  fakemx::pki::Authority authority = fakemx::pki::Authority::create(wall_now());

  std::string ca_pem() const { return authority.public_root_pem(); }
  fakemx::http::TlsIdentity identity(const std::string& host,
                                     fakemx::pki::Profile profile = fakemx::pki::Profile::valid) const {
    fakemx::pki::LeafRequest request;
    request.host = host;
    request.profile = profile;
    request.now = wall_now();
    return fakemx::http::identity_from(authority.mint(request));
  }
};

}  // namespace tlsrpt::test
