#include "generators/output/dkim.hpp"

#include <stdexcept>

#include "core/util/file_text.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen {
namespace {

// core's dkim_sign covers TLS-Report-* whenever present. To leave them out of h= (as Microsoft and
// Mail.ru do), they are signed under a same-length stand-in name and renamed back afterwards,
// which leaves the signature valid because h= no longer names them.
constexpr std::string_view kReal[] = {"TLS-Report-Domain:", "TLS-Report-Submitter:"};
constexpr std::string_view kStandIn[] = {"XLS-Report-Domain:", "XLS-Report-Submitter:"};

void rename_headers(std::string& m, const std::string_view (&from)[2], const std::string_view (&to)[2]) {
  const auto end = header_block_end(m);
  for (int i = 0; i < 2; ++i) {
    const auto pos = m.find("\r\n" + std::string(from[i]));
    if (pos != std::string::npos && pos < end) m.replace(pos + 2, from[i].size(), to[i]);
  }
}

}  // namespace

DkimKey generate_dkim_key(const std::string& selector) {
  auto pair = make_dkim_key(2048);
  return DkimKey{std::move(pair.private_key_pem), std::move(pair.public_key_b64), selector};
}

DkimKey load_dkim_key(const std::filesystem::path& pem, const std::string& selector) {
  const auto text = read_whole_file(pem);
  if (!text) throw std::invalid_argument("cannot read DKIM key " + pem.string());
  if (text->find("PRIVATE KEY-----") == std::string::npos)
    throw std::invalid_argument(pem.string() + " is not a PEM private key");
  // A given key's record is the user's to publish (openssl rsa -pubout); dkim_sign checks the key.
  return DkimKey{*text, {}, selector};
}

std::string dkim_key_record(const DkimKey& key) { return dkim_txt_record(key.public_b64); }

std::string PersonalitySigner::sign(const std::string& message, const GeneratedReport& g) {
  const bool cover = g.personality->dkim_covers_report_headers;
  std::string m = message;
  if (!cover) rename_headers(m, kReal, kStandIn);
  auto signed_message = dkim_sign(m, DkimSigner{g.dkim_domain, key_.selector, key_.private_pem}, g.sent_at);
  if (!cover) rename_headers(signed_message, kStandIn, kReal);
  return signed_message;
}

}  // namespace tlsrpt::gen
