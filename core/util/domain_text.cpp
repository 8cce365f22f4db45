#include "core/util/domain_text.hpp"

#include <array>
#include <cstdint>

namespace tlsrpt {
namespace {

constexpr bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The characters of an A-label (letters, digits, hyphen): the validator checks one host name per
// failure detail, so a label is one table-driven scan.
constexpr std::array<bool, 256> kLdhChars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_alnum(static_cast<char>(c)) || c == '-';
  return t;
}();

// RFC 5322 atext, as a table: contact-info is checked once per report.
constexpr std::array<bool, 256> kAtext = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_alnum(static_cast<char>(c));
  for (char c : std::string_view("!#$%&'*+-/=?^_`{|}~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

bool is_atext(char c) { return kAtext[static_cast<unsigned char>(c)]; }

bool is_dot_atom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (char c : s) {
    if (c == '.') {
      if (prev == '.') return false;
    } else if (!is_atext(c)) {
      return false;
    }
    prev = c;
  }
  return true;
}

bool is_quoted_string(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      if (++i + 1 >= s.size()) return false;
      continue;
    }
    if (c == '"' || c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool is_a_label_domain(std::string_view s, bool allow_trailing_dot) {
  if (allow_trailing_dot && !s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.empty() || s.size() > 253) return false;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (true) {
    const char* const label = p;
    while (p != end && kLdhChars[static_cast<unsigned char>(*p)]) ++p;
    const auto length = static_cast<std::size_t>(p - label);
    if (length == 0 || length > 63 || *label == '-' || p[-1] == '-') return false;
    if (p == end) return true;
    if (*p++ != '.') return false;
  }
}

bool is_mx_pattern(std::string_view s) {
  if (s.size() > 2 && s[0] == '*' && s[1] == '.') s.remove_prefix(2);
  return is_a_label_domain(s);
}

bool is_addr_spec(std::string_view s) {
  const auto at = s.rfind('@');
  if (at == std::string_view::npos) return false;
  const auto local = s.substr(0, at);
  const auto domain = s.substr(at + 1);
  if (!is_dot_atom(local) && !is_quoted_string(local)) return false;
  if (domain.size() > 2 && domain.front() == '[' && domain.back() == ']') {
    for (char c : domain.substr(1, domain.size() - 2))
      if (c == '[' || c == ']' || c == '\\' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    return true;
  }
  return is_dot_atom(domain);
}

std::string_view addr_spec_domain(std::string_view s) {
  const auto at = s.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : s.substr(at + 1);
}

bool domain_iequals(std::string_view a, std::string_view b) {
  if (!a.empty() && a.back() == '.') a.remove_suffix(1);
  if (!b.empty() && b.back() == '.') b.remove_suffix(1);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool is_strict_subdomain(std::string_view name, std::string_view parent) {
  return name.size() > parent.size() + 1 && name[name.size() - parent.size() - 1] == '.' &&
         domain_iequals(name.substr(name.size() - parent.size()), parent);
}

}  // namespace tlsrpt
