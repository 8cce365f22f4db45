#include "core/util/domain_text.hpp"

#include <array>
#include <cstdint>

namespace tlsrpt {
namespace {

constexpr bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Host names and dot-atoms are read as a sequence of character classes, and what makes one
// malformed is a pair of neighbours: a dot after a dot, a hyphen after a dot, a stray character.
// Checking every pair without a branch per character costs less than the branch mispredictions at
// label ends of a label-by-label loop (the validator checks one host name per failure detail).
enum CharClass : std::uint8_t { kWordChar, kHyphen, kDot, kOther };
using ClassTable = std::array<std::uint8_t, 256>;

// Bit (before * 4 + after) of a pair mask: `after` may not follow `before`.
constexpr std::uint16_t pair_bit(unsigned before, unsigned after) { return static_cast<std::uint16_t>(1u << (before * 4 + after)); }
constexpr std::uint16_t kStrayChar = pair_bit(kWordChar, kOther) | pair_bit(kHyphen, kOther) | pair_bit(kDot, kOther) |
                                     pair_bit(kOther, kOther);

// Whether no neighbouring pair of `s` is in `bad_pairs`, a dot standing before the start and after
// the end (so the edges are checked as label edges). `s` is not empty.
bool neighbours_allowed(std::string_view s, const ClassTable& classes, std::uint16_t bad_pairs) {
  unsigned before = kDot, bad = 0;
  for (const char c : s) {
    const unsigned cls = classes[static_cast<unsigned char>(c)];
    bad |= bad_pairs >> (before * 4 + cls);
    before = cls;
  }
  bad |= bad_pairs >> (before * 4 + kDot);
  return (bad & 1) == 0;
}

// A-labels: letters and digits, hyphens inside a label, dots between non-empty labels.
constexpr ClassTable kHostClasses = [] {
  ClassTable t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_alnum(static_cast<char>(c)) ? kWordChar : kOther;
  t['-'] = kHyphen;
  t['.'] = kDot;
  return t;
}();
constexpr std::uint16_t kHostBadPairs = kStrayChar | pair_bit(kDot, kDot) | pair_bit(kDot, kHyphen) | pair_bit(kHyphen, kDot);

// RFC 5322 dot-atom: atext runs joined by single dots.
constexpr ClassTable kAtomClasses = [] {
  ClassTable t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_alnum(static_cast<char>(c)) ? kWordChar : kOther;
  for (char c : std::string_view("!#$%&'*+-/=?^_`{|}~")) t[static_cast<unsigned char>(c)] = kWordChar;
  t['.'] = kDot;
  return t;
}();
constexpr std::uint16_t kAtomBadPairs = kStrayChar | pair_bit(kDot, kDot);

bool is_dot_atom(std::string_view s) { return !s.empty() && neighbours_allowed(s, kAtomClasses, kAtomBadPairs); }

// No label longer than 63 octets (only a name longer than that can hold one).
bool labels_fit(std::string_view s) {
  std::size_t label = 0;
  for (const char c : s) {
    label = c == '.' ? 0 : label + 1;
    if (label > 63) return false;
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
  return neighbours_allowed(s, kHostClasses, kHostBadPairs) && (s.size() <= 63 || labels_fit(s));
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
