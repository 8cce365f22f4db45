#include "fakemx/pki/tlsa.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/openssl_ptr.hpp"

namespace tlsrpt::fakemx::pki {
namespace {

std::vector<std::uint8_t> der_of(const X509* cert, TlsaSelector selector) {
  unsigned char* der = nullptr;
  int len = 0;
  if (selector == TlsaSelector::full_cert) {
    len = i2d_X509(cert, &der);
  } else {
    len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  }
  check(len > 0, "DER-encoding a certificate for TLSA");
  std::vector<std::uint8_t> out(der, der + len);
  OPENSSL_free(der);
  return out;
}

std::vector<std::uint8_t> digest(const std::vector<std::uint8_t>& in, const EVP_MD* md) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int len = 0;
  check(EVP_Digest(in.data(), in.size(), out.data(), &len, md, nullptr) == 1, "hashing for TLSA");
  out.resize(len);
  return out;
}

}  // namespace

std::string Tlsa::text() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = std::to_string(static_cast<int>(usage)) + ' ' + std::to_string(static_cast<int>(selector)) +
                    ' ' + std::to_string(static_cast<int>(matching)) + ' ';
  for (std::uint8_t b : data) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

Tlsa compute_tlsa(const X509* cert, TlsaUsage usage, TlsaSelector selector, TlsaMatching matching) {
  if (cert == nullptr) throw std::invalid_argument("TLSA of a null certificate");
  Tlsa t{usage, selector, matching, der_of(cert, selector)};
  if (matching == TlsaMatching::sha256) t.data = digest(t.data, EVP_sha256());
  if (matching == TlsaMatching::sha512) t.data = digest(t.data, EVP_sha512());
  return t;
}

Tlsa tlsa_for(const Credential& credential, TlsaUsage usage, TlsaSelector selector, TlsaMatching matching) {
  const bool names_leaf = usage == TlsaUsage::dane_ee || usage == TlsaUsage::pkix_ee;
  return compute_tlsa(names_leaf ? credential.leaf.get() : credential.trust_anchor(), usage, selector, matching);
}

Tlsa with_flipped_byte(Tlsa record) {
  if (!record.data.empty()) record.data[record.data.size() / 2] ^= 0x01;
  return record;
}

Tlsa with_truncated_digest(Tlsa record) {
  if (!record.data.empty()) record.data.pop_back();
  return record;
}

}  // namespace tlsrpt::fakemx::pki
