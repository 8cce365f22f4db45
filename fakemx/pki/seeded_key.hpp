// Key pairs and bytes that follow from (seed, label), so a scenario run with a given seed mints
// the same keys every time: TLSA policy-strings (hashes of keys) and DKIM signatures in its
// reports then repeat byte for byte. Test keys for a loopback lab, not for production.
//
//   PKeyPtr mx1 = derive_key(KeyType::ecdsa_p256, seed, "leaf|mx1.example.test|#0");
//   std::string serial = derive_bytes(seed, "serial|mx1.example.test|#0", 16);
//
// EC P-256: the private scalar is taken from the stream (mod n). RSA: both primes are searched
// upwards from seeded odd starting points (BN_check_prime), e = 65537, CRT values computed;
// RSA keys are cached per process because the prime search costs tens of milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fakemx/pki/openssl_ptr.hpp"
#include "fakemx/pki/profile.hpp"

namespace tlsrpt::fakemx::pki {

// n bytes of SHA-256(seed, label, block counter) output: the same for the same inputs, unrelated
// for different labels.
std::string derive_bytes(std::uint64_t seed, std::string_view label, std::size_t n);

// A key pair of `type` that depends only on (seed, label). Throws OpensslError on failure.
PKeyPtr derive_key(KeyType type, std::uint64_t seed, std::string_view label);

}  // namespace tlsrpt::fakemx::pki
