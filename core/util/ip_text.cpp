// Own IPv4/IPv6 text reader and RFC 5952 writer: the validator reads two addresses per failure
// detail, and inet_pton/inet_ntop (NUL-terminated copies, printf per group) dominated its cost.
// Both accept and print exactly what glibc's inet_pton/inet_ntop do; tests compare them.
#include "core/util/ip_text.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace tlsrpt {
namespace {

using Groups = std::array<std::uint16_t, 8>;

unsigned digit(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; }  // > 9 if not a digit

// Dotted quad, decimal octets without leading zeros, into out[0..3]. Octet by octet, as the
// validator reads two addresses per failure detail.
bool read_ipv4(std::string_view s, std::uint8_t* out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  for (int k = 0; k < 4; ++k) {
    if (k != 0 && (p == end || *p++ != '.')) return false;
    if (p == end || digit(*p) > 9) return false;
    unsigned value = digit(*p++);
    if (p != end && digit(*p) <= 9) {
      if (value == 0) return false;  // leading zero
      value = value * 10 + digit(*p++);
      if (p != end && digit(*p) <= 9) {
        value = value * 10 + digit(*p++);
        if (value > 255) return false;
      }
    }
    out[k] = static_cast<std::uint8_t>(value);
  }
  return p == end;
}

constexpr std::array<std::int8_t, 256> kHexValue = [] {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (int c = 0; c < 10; ++c) t[static_cast<std::size_t>('0' + c)] = static_cast<std::int8_t>(c);
  for (int c = 0; c < 6; ++c) {
    t[static_cast<std::size_t>('a' + c)] = static_cast<std::int8_t>(10 + c);
    t[static_cast<std::size_t>('A' + c)] = static_cast<std::int8_t>(10 + c);
  }
  return t;
}();

int hex_value(char c) { return kHexValue[static_cast<unsigned char>(c)]; }

// Groups of up to four hex digits, one "::", an optional trailing dotted quad; read into 16-bit
// groups, which is what the writer works on.
bool read_ipv6(std::string_view s, Groups& out) {
  out.fill(0);
  if (s.empty()) return false;
  std::size_t pos = 0;
  if (s[0] == ':' && (s.size() < 2 || s[1] != ':')) return false;
  if (s[0] == ':') pos = 1;
  std::size_t at = 0;             // groups written
  std::size_t gap = SIZE_MAX;     // where "::" stands
  std::size_t token = pos;        // start of the current group
  unsigned value = 0;
  int digits = 0;
  while (pos < s.size()) {
    const char c = s[pos++];
    if (const int d = hex_value(c); d >= 0) {
      if (digits == 4) return false;
      value = value << 4 | static_cast<unsigned>(d);
      ++digits;
      continue;
    }
    if (c == ':') {
      token = pos;
      if (digits == 0) {
        if (gap != SIZE_MAX) return false;
        gap = at;
        continue;
      }
      if (pos == s.size() || at == 8) return false;
      out[at++] = static_cast<std::uint16_t>(value);
      digits = 0;
      value = 0;
      continue;
    }
    std::uint8_t quad[4];
    if (c == '.' && at + 2 <= 8 && read_ipv4(s.substr(token), quad)) {
      out[at++] = static_cast<std::uint16_t>(quad[0] << 8 | quad[1]);
      out[at++] = static_cast<std::uint16_t>(quad[2] << 8 | quad[3]);
      digits = 0;
      break;
    }
    return false;
  }
  if (digits > 0) {
    if (at == 8) return false;
    out[at++] = static_cast<std::uint16_t>(value);
  }
  if (gap != SIZE_MAX) {
    if (at == 8) return false;  // "::" would stand for no group at all
    const std::size_t tail = at - gap;
    for (std::size_t k = 0; k < tail; ++k) out[7 - k] = out[at - 1 - k];  // rightwards, last first
    for (std::size_t k = gap; k < 8 - tail; ++k) out[k] = 0;
    at = 8;
  }
  return at == 8;
}

// Bytes write_ipv6 may store past the end of its text (a group is stored as four characters).
constexpr std::size_t kWriteSlack = 3;

// Longest run (first on ties) of two or more zero groups becomes "::"; lower-case hex without
// leading zeros; ::a.b.c.d and ::ffff:a.b.c.d keep the dotted quad (as inet_ntop prints them).
// `out` needs room for the text plus kWriteSlack.
std::size_t write_ipv6(const Groups& words, char* out) {
  int best = -1, best_len = 0, cur = -1, cur_len = 0;
  for (int i = 0; i <= 8; ++i) {
    if (i < 8 && words[static_cast<std::size_t>(i)] == 0) {
      if (cur < 0) cur = i, cur_len = 0;
      ++cur_len;
    } else if (cur >= 0) {
      if (best < 0 || cur_len > best_len) best = cur, best_len = cur_len;
      cur = -1;
    }
  }
  if (best_len < 2) best = -1;
  static constexpr char kHex[] = "0123456789abcdef";
  char* p = out;
  for (int i = 0; i < 8; ++i) {
    if (best >= 0 && i >= best && i < best + best_len) {
      if (i == best) *p++ = ':';
      continue;
    }
    if (i != 0) *p++ = ':';
    if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
      const unsigned g6 = words[6], g7 = words[7];
      const unsigned quad[4] = {g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff};
      for (std::size_t k = 0; k < 4; ++k) {
        if (k != 0) *p++ = '.';
        const unsigned v = quad[k];
        if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
        if (v >= 10) *p++ = static_cast<char>('0' + v / 10 % 10);
        *p++ = static_cast<char>('0' + v % 10);
      }
      return static_cast<std::size_t>(p - out);
    }
    // All four digits stored, the pointer advanced past the significant ones: no branch per digit.
    const unsigned w = words[static_cast<std::size_t>(i)];
    const char hex[8] = {kHex[w >> 12], kHex[w >> 8 & 0xf], kHex[w >> 4 & 0xf], kHex[w & 0xf]};
    const int digits = w == 0 ? 1 : (35 - __builtin_clz(w)) / 4;  // hex digits without leading zeros
    std::memcpy(p, hex + 4 - digits, 4);
    p += digits;
  }
  if (best >= 0 && best + best_len == 8) *p++ = ':';
  return static_cast<std::size_t>(p - out);
}

constexpr std::size_t kMaxIpv6Text = 45;  // INET6_ADDRSTRLEN - 1

}  // namespace

IpText classify_ip(std::string_view text) {
  if (text.empty() || text.size() > kMaxIpv6Text) return IpText::invalid;
  std::uint8_t v4[4];
  if (read_ipv4(text, v4)) return IpText::ipv4;  // rejects any ':'; read_ipv6 rejects text without one
  Groups addr;
  if (!read_ipv6(text, addr)) return IpText::invalid;
  char canon[kMaxIpv6Text + kWriteSlack];
  const std::size_t n = write_ipv6(addr, canon);
  return text == std::string_view(canon, n) ? IpText::ipv6_canonical : IpText::ipv6_noncanonical;
}

std::string canonical_ipv6(std::string_view text) {
  Groups addr;
  if (text.size() > kMaxIpv6Text || !read_ipv6(text, addr)) return {};
  char canon[kMaxIpv6Text + kWriteSlack];
  return std::string(canon, write_ipv6(addr, canon));
}

}  // namespace tlsrpt
