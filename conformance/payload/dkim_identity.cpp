#include "conformance/payload/dkim_identity.hpp"

#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "conformance/payload/payload.hpp"
#include "core/formats/dkim.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::conformance {

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
  key.public_b64 = dkim_key_pair(key.private_pem).public_key_b64;
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
