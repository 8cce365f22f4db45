// RAII owners for the OpenSSL objects the PKI factory hands out, and a way to turn the OpenSSL error
// queue into an exception with a readable message.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace tlsrpt::fakemx::pki {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PKeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, PKeyFree>;

// A new owning reference to the same object (OpenSSL reference counting).
X509Ptr share(X509* cert);
PKeyPtr share(EVP_PKEY* key);

// Thrown when OpenSSL refuses something; the message carries what we tried and OpenSSL's reason.
class OpensslError : public std::runtime_error {
 public:
  explicit OpensslError(const std::string& what_we_did);
};

// Throws OpensslError(what) when ok is false.
void check(bool ok, const char* what);

std::string to_pem(const X509* cert);
std::string to_pem(const EVP_PKEY* private_key);
X509Ptr cert_from_pem(const std::string& pem);

}  // namespace tlsrpt::fakemx::pki
