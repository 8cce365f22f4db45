// TLSA record data (RFC 6698 / RFC 7671) computed from real certificates, so a zone can publish
// records that match what an MX serves, or deliberately do not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <openssl/x509.h>

namespace tlsrpt::fakemx::pki {

struct Credential;

enum class TlsaUsage : std::uint8_t { pkix_ta = 0, pkix_ee = 1, dane_ta = 2, dane_ee = 3 };
enum class TlsaSelector : std::uint8_t { full_cert = 0, spki = 1 };
enum class TlsaMatching : std::uint8_t { full = 0, sha256 = 1, sha512 = 2 };

struct Tlsa {
  TlsaUsage usage = TlsaUsage::dane_ee;
  TlsaSelector selector = TlsaSelector::spki;
  TlsaMatching matching = TlsaMatching::sha256;
  std::vector<std::uint8_t> data;

  // Presentation form of the rdata: "3 1 1 <lower-case hex>".
  std::string text() const;
};

// The association data for `cert` with the given selector and matching type.
Tlsa compute_tlsa(const X509* cert, TlsaUsage usage, TlsaSelector selector, TlsaMatching matching);

// For a served credential: usage 3 (and 1) names the leaf, usage 2 (and 0) its trust anchor.
Tlsa tlsa_for(const Credential& credential, TlsaUsage usage, TlsaSelector selector, TlsaMatching matching);

// Deliberately wrong variants of a correct record.
Tlsa with_flipped_byte(Tlsa record);  // same shape, one bit of the data differs: never matches
Tlsa with_truncated_digest(Tlsa record);  // digest one byte short: malformed for its matching type

}  // namespace tlsrpt::fakemx::pki
