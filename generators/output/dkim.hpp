// The personality's DKIM signature on report mail, through core's dkim_sign: t= is the message's
// own time (a given key gives byte-identical output), and the TLS-Report-* headers stay out of h=
// for reporters that leave them out (Microsoft, Mail.ru).
#pragma once

#include <filesystem>
#include <string>

#include "core/formats/dkim.hpp"
#include "generators/output/factory.hpp"

namespace tlsrpt::gen {

struct DkimKey {
  std::string private_pem;
  std::string public_b64;  // the p= of the key record
  std::string selector = "tlsrpt";
};

DkimKey generate_dkim_key(const std::string& selector = "tlsrpt");  // RSA 2048, per run
DkimKey load_dkim_key(const std::filesystem::path& pem, const std::string& selector = "tlsrpt");
std::string dkim_key_record(const DkimKey& key);  // "v=DKIM1; k=rsa; s=tlsrpt; p=…"

class PersonalitySigner : public MessageSigner {
 public:
  explicit PersonalitySigner(DkimKey key) : key_(std::move(key)) {}
  std::string sign(const std::string& message, const GeneratedReport& g) override;
  const DkimKey& key() const { return key_; }

 private:
  DkimKey key_;
};

}  // namespace tlsrpt::gen
