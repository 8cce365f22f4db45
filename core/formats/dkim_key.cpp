// DKIM key material with OpenSSL 3: RSA key pairs and the _domainkey TXT text.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

#include "core/formats/dkim.hpp"

namespace tlsrpt {
namespace {

struct FreeKey {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct FreeBio {
  void operator()(BIO* b) const { BIO_free(b); }
};

std::string base64(const unsigned char* data, int len) {
  std::string out(static_cast<std::size_t>(4 * ((len + 2) / 3)) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, len);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The private key as PKCS#8 PEM and the public key as the record's p= value.
DkimKeyPair pair_of(EVP_PKEY* key) {
  DkimKeyPair pair;
  std::unique_ptr<BIO, FreeBio> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("OpenSSL could not write the private key as PEM.");
  char* pem = nullptr;
  const long pem_len = BIO_get_mem_data(bio.get(), &pem);
  pair.private_key_pem.assign(pem, static_cast<std::size_t>(pem_len));

  const int der_len = i2d_PUBKEY(key, nullptr);
  if (der_len <= 0) throw std::runtime_error("OpenSSL could not encode the public key.");
  std::string der(static_cast<std::size_t>(der_len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(der.data());
  i2d_PUBKEY(key, &p);
  pair.public_key_b64 = base64(reinterpret_cast<const unsigned char*>(der.data()), der_len);
  return pair;
}

std::unique_ptr<EVP_PKEY, FreeKey> read_private_key(std::string_view pem) {
  std::unique_ptr<BIO, FreeBio> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  return std::unique_ptr<EVP_PKEY, FreeKey>(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

}  // namespace

DkimKeyPair make_dkim_key(int bits) {
  std::unique_ptr<EVP_PKEY, FreeKey> key(EVP_RSA_gen(static_cast<unsigned>(bits)));
  if (!key) throw std::runtime_error("OpenSSL could not generate an RSA key.");
  return pair_of(key.get());
}

DkimKeyPair dkim_key_pair(std::string_view private_key_pem) {
  const auto key = read_private_key(private_key_pem);
  if (!key || EVP_PKEY_is_a(key.get(), "RSA") != 1) throw std::runtime_error("Not an RSA private key in PEM.");
  return pair_of(key.get());
}

bool dkim_key_usable(std::string_view private_key_pem) {
  const auto key = read_private_key(private_key_pem);
  return key && EVP_PKEY_is_a(key.get(), "RSA") == 1;
}

std::string dkim_txt_record(std::string_view public_key_b64, std::string_view services) {
  std::string out = "v=DKIM1; k=rsa; ";
  if (!services.empty()) out += "s=" + std::string(services) + "; ";
  out += "p=" + std::string(public_key_b64);
  return out;
}

}  // namespace tlsrpt
