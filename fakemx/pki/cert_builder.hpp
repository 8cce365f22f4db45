// The one place that turns a plain description into a signed X.509 certificate (OpenSSL 3 EVP/X509,
// no shelling out). Used by the Authority for roots, intermediates and every leaf profile.
#pragma once

#include <string>
#include <vector>

#include "core/util/virtual_clock.hpp"
#include "fakemx/pki/openssl_ptr.hpp"
#include "fakemx/pki/profile.hpp"

namespace tlsrpt::fakemx::pki {

PKeyPtr generate_key(KeyType type);

struct CertSpec {
  std::string common_name;
  std::string organization = "tlsrpt-lab";
  std::vector<std::string> dns_names;  // subjectAltName; empty means no SAN extension at all
  bool is_ca = false;
  UnixSeconds not_before = 0;
  UnixSeconds not_after = 0;
  EVP_PKEY* subject_key = nullptr;  // public half goes into the certificate
  X509* issuer = nullptr;           // nullptr: self-signed with subject_key
  EVP_PKEY* issuer_key = nullptr;
  bool sha1 = false;                // sign with SHA-1 instead of SHA-256
  std::string serial;               // 16 bytes for the serial number (made positive); empty: random
};

X509Ptr build_certificate(const CertSpec& spec);

}  // namespace tlsrpt::fakemx::pki
