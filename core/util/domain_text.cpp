#include "core/util/domain_text.hpp"

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tlsrpt {
namespace {

constexpr bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Host names and dot-atoms are read as character weights, and what makes one malformed is a pair
// of neighbours: a dot after a dot, a hyphen next to a dot, a stray character. With the weights
// below exactly those pairs add up to 4 or more (hyphen+hyphen 2 and word+dot 3 are fine), so the
// whole text is checked by OR-ing neighbour sums, with no branch per character: cheaper than the
// branch mispredictions at label ends of a label-by-label loop (one host name per failure detail).
constexpr std::uint8_t kWordChar = 0, kHyphen = 1, kDot = 3, kOther = 12;
constexpr unsigned kBadSum = 4 | 8;  // every sum of 4..6 (two of hyphen/dot, not both hyphens) or with kOther (12..24)
using WeightTable = std::array<std::uint8_t, 256>;

// Whether no two neighbours of `s` (a dot standing before its start and after its end, so the edges
// are checked as label edges) add up to a bad sum. `s` is not empty.
bool neighbours_allowed(std::string_view s, const WeightTable& weights) {
  const auto weight = [&](std::size_t i) -> unsigned { return weights[static_cast<unsigned char>(s[i])]; };
  unsigned before = kDot, sums = 0;
  std::size_t i = 0;
  for (; i + 2 <= s.size(); i += 2) {  // two characters a step: fewer loop instructions per character
    const unsigned a = weight(i), b = weight(i + 1);
    sums |= (before + a) | (a + b);
    before = b;
  }
  if (i < s.size()) {
    const unsigned a = weight(i);
    sums |= before + a;
    before = a;
  }
  sums |= before + kDot;
  return (sums & kBadSum) == 0;
}

// A-labels: letters and digits, hyphens inside a label, dots between non-empty labels.
constexpr WeightTable kHostWeights = [] {
  WeightTable t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_alnum(static_cast<char>(c)) ? kWordChar : kOther;
  t['-'] = kHyphen;
  t['.'] = kDot;
  return t;
}();

// RFC 5322 dot-atom: atext runs joined by single dots (a hyphen is atext here).
constexpr WeightTable kAtomWeights = [] {
  WeightTable t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_alnum(static_cast<char>(c)) ? kWordChar : kOther;
  for (char c : std::string_view("!#$%&'*+-/=?^_`{|}~")) t[static_cast<unsigned char>(c)] = kWordChar;
  t['.'] = kDot;
  return t;
}();

bool is_dot_atom(std::string_view s) { return !s.empty() && neighbours_allowed(s, kAtomWeights); }

#if defined(__SSE2__)
// The host-name case of neighbours_allowed for names of 16 to 62 characters (most of them), 16
// characters a load: masks of allowed characters, dots and hyphens, then the bad neighbour pairs
// by shifting the dot and hyphen masks against each other. The last load ends at the name's end,
// overlapping the one before it, so nothing past the name is read.
constexpr std::size_t kSimdHostMin = 16, kSimdHostMax = 62;  // 62: room for the edge dots in 64 bits

struct HostMasks {
  std::uint64_t allowed, dots, hyphens;
};

HostMasks host_masks(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const auto in_range = [](__m128i x, char lo, char hi) {
    const __m128i past_hi = _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8(lo)), _mm_set1_epi8(static_cast<char>(hi - lo)));
    return _mm_cmpeq_epi8(past_hi, _mm_setzero_si128());
  };
  const __m128i dots = _mm_cmpeq_epi8(v, _mm_set1_epi8('.'));
  const __m128i hyphens = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));
  const __m128i alnum = _mm_or_si128(in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z'), in_range(v, '0', '9'));
  const auto bits = [](__m128i m) { return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(m))); };
  return {bits(_mm_or_si128(alnum, _mm_or_si128(dots, hyphens))), bits(dots), bits(hyphens)};
}

bool simd_host_neighbours_allowed(std::string_view s) {
  const std::size_t n = s.size();
  std::uint64_t allowed = 0, dots = 0, hyphens = 0;
  for (std::size_t at = 0;; at += 16) {
    if (at + 16 > n) at = n - 16;
    const HostMasks m = host_masks(s.data() + at);
    allowed |= m.allowed << at;
    dots |= m.dots << at;
    hyphens |= m.hyphens << at;
    if (at + 16 == n) break;
  }
  const std::uint64_t all = (std::uint64_t{1} << n) - 1;
  if (allowed != all) return false;
  // Bit i + 1 for character i, and dots standing at bits 0 and n + 1 for the name's edges.
  const std::uint64_t d = dots << 1 | 1 | std::uint64_t{1} << (n + 1);
  const std::uint64_t h = hyphens << 1;
  return ((d & d >> 1) | (d & h >> 1) | (h & d >> 1)) == 0;
}
#endif

bool host_neighbours_allowed(std::string_view s) {
#if defined(__SSE2__)
  if (s.size() >= kSimdHostMin && s.size() <= kSimdHostMax) return simd_host_neighbours_allowed(s);
#endif
  return neighbours_allowed(s, kHostWeights);
}

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
  return host_neighbours_allowed(s) && (s.size() <= 63 || labels_fit(s));
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
