#include "core/records/uri_text.hpp"

#include <cctype>
#include <cstring>

namespace tlsrpt::records {
namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

}  // namespace

std::string uri_scheme(std::string_view uri) {
  if (uri.empty() || !std::isalpha(static_cast<unsigned char>(uri[0]))) return {};
  std::string scheme;
  for (char c : uri) {
    if (c == ':') return scheme;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return {};
}

std::size_t bad_uri_char(std::string_view uri, std::string_view extra_banned) {
  static constexpr const char* kAllowed = "-._~!$&'()*+,;=:@/?#[]";  // unreserved, sub-delims, gen-delims
  for (std::size_t i = 0; i < uri.size(); ++i) {
    const char c = uri[i];
    if (c == '%') {
      if (i + 2 >= uri.size() || !is_hex(uri[i + 1]) || !is_hex(uri[i + 2])) return i;
      i += 2;
      continue;
    }
    if (extra_banned.find(c) != std::string_view::npos) return i;
    if (std::isalnum(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr(kAllowed, c))) continue;
    return i;
  }
  return std::string_view::npos;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace tlsrpt::records
