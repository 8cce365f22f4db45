#include "conformance/payload/dkim_identity.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "conformance/payload/payload.hpp"
#include "core/formats/dkim.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::conformance {
namespace {

// The p= value of a PEM private key: its SubjectPublicKeyInfo, DER, base64.
std::string public_b64_of(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  if (!key) throw std::runtime_error("the DKIM key is not a PEM private key");
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key, &der);
  EVP_PKEY_free(key);
  if (len <= 0) throw std::runtime_error("cannot encode the DKIM public key");
  std::string b64(static_cast<std::size_t>(4 * ((len + 2) / 3)) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), der, len);
  OPENSSL_free(der);
  b64.resize(static_cast<std::size_t>(written));
  return b64;
}

}  // namespace

gen::DkimKey suite_dkim_key(const std::filesystem::path& path) {
  if (path.empty()) return gen::generate_dkim_key("tlsrpt");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    auto key = gen::generate_dkim_key("tlsrpt");
    const mode_t old = ::umask(077);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << key.private_pem;
    out.close();
    ::umask(old);
    if (!out) throw std::runtime_error("cannot write the DKIM key to " + path.string());
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    return key;
  }
  auto key = gen::load_dkim_key(path, "tlsrpt");
  if (!dkim_key_usable(key.private_pem)) throw std::runtime_error(path.string() + " is not an RSA private key");
  key.public_b64 = public_b64_of(key.private_pem);
  return key;
}

std::vector<std::string> signing_domains() {
  std::set<std::string> domains{std::string(kForeignSubmitter)};
  for (const auto& p : gen::personalities()) domains.insert(std::string(p.dkim_domain));
  return {domains.begin(), domains.end()};
}

std::string dkim_zone_lines(const gen::DkimKey& key) {
  const std::string record = gen::dkim_key_record(key);
  std::string quoted;
  for (std::size_t i = 0; i < record.size(); i += 255) quoted += (i ? " \"" : "\"") + record.substr(i, 255) + "\"";
  std::ostringstream out;
  for (const auto& d : signing_domains()) out << key.selector << "._domainkey." << d << ". IN TXT " << quoted << '\n';
  return out.str();
}

}  // namespace tlsrpt::conformance
