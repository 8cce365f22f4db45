#include "fakemx/pki/cert_builder.hpp"

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <ctime>

namespace tlsrpt::fakemx::pki {
namespace {

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(ext != nullptr, "building a certificate extension");
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(ok == 1, "adding a certificate extension");
}

void set_serial(X509* cert, const std::string& given) {
  unsigned char bytes[16];
  if (given.empty()) check(RAND_bytes(bytes, sizeof bytes) == 1, "RAND_bytes for a serial number");
  else {
    check(given.size() >= sizeof bytes, "a serial number needs 16 bytes");
    std::memcpy(bytes, given.data(), sizeof bytes);
  }
  bytes[0] &= 0x7f;  // positive
  bytes[0] |= 0x01;  // and never zero-length
  BIGNUM* bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
  check(bn != nullptr, "BN_bin2bn");
  const bool ok = BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != nullptr;
  BN_free(bn);
  check(ok, "setting the serial number");
}

void set_name(X509_NAME* name, const std::string& cn, const std::string& org) {
  auto bytes = [](const std::string& s) { return reinterpret_cast<const unsigned char*>(s.c_str()); };
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, bytes(org), -1, -1, 0) == 1, "subject O");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, bytes(cn), -1, -1, 0) == 1, "subject CN");
}

}  // namespace

PKeyPtr generate_key(KeyType type) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::ecdsa_p256: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeyType::rsa2048: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048}); break;
    case KeyType::rsa1024: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024}); break;
  }
  check(key != nullptr, "generating a key pair");
  return PKeyPtr(key);
}

X509Ptr build_certificate(const CertSpec& spec) {
  X509Ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509* x = cert.get();
  check(X509_set_version(x, X509_VERSION_3) == 1, "X509_set_version");
  set_serial(x, spec.serial);
  check(ASN1_TIME_set(X509_getm_notBefore(x), static_cast<std::time_t>(spec.not_before)) != nullptr, "notBefore");
  check(ASN1_TIME_set(X509_getm_notAfter(x), static_cast<std::time_t>(spec.not_after)) != nullptr, "notAfter");
  set_name(X509_get_subject_name(x), spec.common_name, spec.organization);
  const bool self_signed = spec.issuer == nullptr;
  check(X509_set_issuer_name(x, self_signed ? X509_get_subject_name(x) : X509_get_subject_name(spec.issuer)) == 1,
        "setting the issuer name");
  check(X509_set_pubkey(x, spec.subject_key) == 1, "X509_set_pubkey");

  add_extension(x, spec.issuer, NID_subject_key_identifier, "hash");
  add_extension(x, spec.issuer, NID_authority_key_identifier, "keyid:always");
  if (spec.is_ca) {
    add_extension(x, spec.issuer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(x, spec.issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(x, spec.issuer, NID_basic_constraints, "critical,CA:FALSE");
    const bool rsa = EVP_PKEY_get_base_id(spec.subject_key) == EVP_PKEY_RSA;
    add_extension(x, spec.issuer, NID_key_usage,
                  rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature");
    add_extension(x, spec.issuer, NID_ext_key_usage, "serverAuth");
  }
  if (!spec.dns_names.empty()) {
    std::string san;
    for (const auto& name : spec.dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + name;
    add_extension(x, spec.issuer, NID_subject_alt_name, san);
  }

  EVP_PKEY* signer = self_signed ? spec.subject_key : spec.issuer_key;
  check(X509_sign(x, signer, spec.sha1 ? EVP_sha1() : EVP_sha256()) > 0, "signing a certificate");
  return cert;
}

}  // namespace tlsrpt::fakemx::pki
