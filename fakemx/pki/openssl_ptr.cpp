#include "fakemx/pki/openssl_ptr.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace tlsrpt::fakemx::pki {
namespace {

std::string drain_error_queue() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL error recorded" : out;
}

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

OpensslError::OpensslError(const std::string& what_we_did)
    : std::runtime_error(what_we_did + ": " + drain_error_queue()) {}

void check(bool ok, const char* what) {
  if (!ok) throw OpensslError(what);
}

X509Ptr share(X509* cert) {
  check(X509_up_ref(cert) == 1, "X509_up_ref");
  return X509Ptr(cert);
}

PKeyPtr share(EVP_PKEY* key) {
  check(EVP_PKEY_up_ref(key) == 1, "EVP_PKEY_up_ref");
  return PKeyPtr(key);
}

std::string to_pem(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "writing a certificate as PEM");
  return bio_contents(bio.get());
}

std::string to_pem(const EVP_PKEY* private_key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_PrivateKey(bio.get(), private_key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "writing a private key as PEM");
  return bio_contents(bio.get());
}

X509Ptr cert_from_pem(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  check(bio != nullptr, "BIO_new_mem_buf");
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  check(cert != nullptr, "reading a PEM certificate");
  return cert;
}

}  // namespace tlsrpt::fakemx::pki
