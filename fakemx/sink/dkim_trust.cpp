#include "fakemx/sink/dkim_trust.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

#include "core/util/domain_text.hpp"
#include "core/util/file_text.hpp"
#include "fakemx/pki/openssl_ptr.hpp"

namespace tlsrpt::fakemx::sink {

namespace {

constexpr std::string_view kDomainKey = "._domainkey.";

// A PEM "PUBLIC KEY" block checked by OpenSSL; its base64 body is the SubjectPublicKeyInfo DER,
// which is exactly what p= holds.
std::string public_key_b64(std::string_view pem, const std::string& source) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  const pki::PKeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) throw std::invalid_argument(source + " holds a PUBLIC KEY block OpenSSL cannot read");
  const auto begin = pem.find('\n', pem.find("-----BEGIN PUBLIC KEY-----"));
  const auto end = pem.find("-----END PUBLIC KEY-----");
  std::string b64;
  for (char c : pem.substr(begin + 1, end - begin - 1))
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') b64 += c;
  return b64;
}

// `v=DKIM1; p=...` as written, or the quoted strings of a zone-file line joined.
std::string record_text(std::string_view text) {
  const auto p = text.find("p=");
  auto line_start = text.rfind('\n', p);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  auto line_end = text.find('\n', p);
  std::string_view line = text.substr(line_start, line_end == std::string_view::npos ? text.npos : line_end - line_start);
  std::string record;
  if (line.find('"') == std::string_view::npos) {
    record = std::string(line);
  } else {
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (quoted) record += c;
    }
  }
  while (!record.empty() && (record.back() == '\r' || record.back() == ' ')) record.pop_back();
  return record;
}

bool matches(const TrustedDkimKey& key, std::string_view selector, std::string_view domain, bool wildcard) {
  if (!domain_iequals(key.selector, selector)) return false;
  return wildcard ? key.domain == "*" : domain_iequals(key.domain, domain);
}

}  // namespace

std::string dkim_record_from_key_text(std::string_view text, const std::string& source) {
  if (text.find("-----BEGIN PUBLIC KEY-----") != std::string_view::npos)
    return dkim_txt_record(public_key_b64(text, source));
  if (text.find("PRIVATE KEY-----") != std::string_view::npos) {
    try {
      return dkim_txt_record(dkim_key_pair(text).public_key_b64);
    } catch (const std::runtime_error& e) {
      throw std::invalid_argument(source + ": " + e.what());
    }
  }
  if (text.find("p=") != std::string_view::npos) return record_text(text);
  throw std::invalid_argument(source + " is neither a PEM key nor a DKIM TXT record (v=DKIM1; p=...)");
}

TrustedDkimKey parse_trusted_key(std::string_view spec) {
  const auto eq = spec.find('=');
  const auto dk = spec.find(kDomainKey);
  if (eq == std::string_view::npos || dk == std::string_view::npos || dk == 0 || dk > eq)
    throw std::invalid_argument("a DKIM key is SELECTOR._domainkey.DOMAIN=FILE (DOMAIN may be *), not '" +
                                std::string(spec) + "'");
  TrustedDkimKey key;
  key.selector = std::string(spec.substr(0, dk));
  key.domain = std::string(spec.substr(dk + kDomainKey.size(), eq - dk - kDomainKey.size()));
  if (!key.domain.empty() && key.domain.back() == '.') key.domain.pop_back();
  if (key.domain.empty()) throw std::invalid_argument("the DKIM key '" + std::string(spec) + "' names no domain");
  const std::string path(spec.substr(eq + 1));
  const auto text = read_whole_file(path);
  if (!text) throw std::invalid_argument("cannot read the DKIM key file " + path);
  key.record = dkim_record_from_key_text(*text, path);
  return key;
}

KeyLookup key_file_lookup(std::vector<TrustedDkimKey> keys) {
  if (keys.empty()) return {};
  return [keys = std::move(keys)](std::string_view selector, std::string_view domain) -> std::optional<std::string> {
    for (bool wildcard : {false, true})
      for (const auto& key : keys)
        if (matches(key, selector, domain, wildcard)) return key.record;
    return std::nullopt;
  };
}

KeyLookup chain_lookups(KeyLookup first, KeyLookup second) {
  if (!first) return second;
  if (!second) return first;
  return [first = std::move(first), second = std::move(second)](std::string_view selector,
                                                                std::string_view domain) -> std::optional<std::string> {
    if (auto key = first(selector, domain)) return key;
    return second(selector, domain);
  };
}

}  // namespace tlsrpt::fakemx::sink
