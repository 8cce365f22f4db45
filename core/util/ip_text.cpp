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

// A hex digit's value, with kUpperHex added for A-F (which RFC 5952 form never holds); -1 if none.
constexpr int kUpperHex = 16;
constexpr std::array<std::int8_t, 256> kHexDigit = [] {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (int c = 0; c < 10; ++c) t[static_cast<std::size_t>('0' + c)] = static_cast<std::int8_t>(c);
  for (int c = 0; c < 6; ++c) {
    t[static_cast<std::size_t>('a' + c)] = static_cast<std::int8_t>(10 + c);
    t[static_cast<std::size_t>('A' + c)] = static_cast<std::int8_t>(kUpperHex + 10 + c);
  }
  return t;
}();

// An IPv6 address as read, and what its text says besides the value: enough to tell whether the
// text is the RFC 5952 form without writing that form out.
struct Ipv6Text {
  Groups groups{};
  int gap = -1;            // first group "::" stands for, -1 if the text has none
  int gap_length = 0;      // how many groups it stands for
  bool plain_hex = true;   // no group with a leading zero or an upper-case digit
  bool dotted = false;     // the last two groups written as a dotted quad
  unsigned zero_groups = 0;  // bit i: group i is 0 (noted while reading, not read back from groups)
};

// Groups of up to four hex digits, one "::", an optional trailing dotted quad.
bool read_ipv6(std::string_view s, Ipv6Text& out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  if (p == end) return false;
  if (*p == ':' && (++p == end || *p != ':')) return false;  // a leading colon only as "::"; p on its second
  int at = 0;  // groups read
  while (p != end) {
    if (*p == ':') {  // an empty group: the second colon of "::"
      if (out.gap >= 0) return false;
      out.gap = at;
      ++p;
      continue;
    }
    const char* const group = p;
    unsigned value = 0, seen = 0;
    for (int d; p != end && (d = kHexDigit[static_cast<unsigned char>(*p)]) >= 0; ++p) {
      value = value << 4 | (static_cast<unsigned>(d) & 0xf);
      seen |= static_cast<unsigned>(d);
    }
    if (seen & kUpperHex) out.plain_hex = false;
    const auto digits = p - group;
    if (digits == 0 || digits > 4) return false;
    if (p != end && *p == '.') {
      std::uint8_t quad[4];
      if (at + 2 > 8 || !read_ipv4({group, static_cast<std::size_t>(end - group)}, quad)) return false;
      const unsigned high = quad[0] << 8 | quad[1], low = quad[2] << 8 | quad[3];
      out.zero_groups |= unsigned{high == 0} << at | unsigned{low == 0} << (at + 1);
      out.groups[static_cast<std::size_t>(at++)] = static_cast<std::uint16_t>(high);
      out.groups[static_cast<std::size_t>(at++)] = static_cast<std::uint16_t>(low);
      out.dotted = true;
      break;
    }
    if (at == 8) return false;
    if (digits > 1 && *group == '0') out.plain_hex = false;
    out.zero_groups |= unsigned{value == 0} << at;
    out.groups[static_cast<std::size_t>(at++)] = static_cast<std::uint16_t>(value);
    if (p == end) break;
    if (*p != ':' || ++p == end) return false;  // a colon between groups, never a trailing one
  }
  if (out.gap >= 0) {
    if (at == 8) return false;  // "::" would stand for no group at all
    const int tail = at - out.gap;
    for (int k = 1; k <= tail; ++k) out.groups[static_cast<std::size_t>(8 - k)] = out.groups[static_cast<std::size_t>(at - k)];
    for (int k = out.gap; k < 8 - tail; ++k) out.groups[static_cast<std::size_t>(k)] = 0;
    out.gap_length = 8 - at;
    const unsigned gap_bits = ((1u << out.gap_length) - 1) << out.gap;
    const unsigned head = out.zero_groups & ((1u << out.gap) - 1), rest = out.zero_groups >> out.gap;
    out.zero_groups = head | gap_bits | rest << (out.gap + out.gap_length);
    at = 8;
  }
  return at == 8;
}

// The run RFC 5952 writes as "::": the longest of two or more zero groups, the first on ties.
struct ZeroRun {
  int first = -1;  // -1: none
  int length = 0;
};

// From the bit mask of zero groups (bit i: group i is 0); tabulated below for all 256 masks.
constexpr ZeroRun longest_zero_run(unsigned zero_groups) {
  ZeroRun best, cur;
  for (int i = 0; i <= 8; ++i) {
    if (i < 8 && (zero_groups >> i & 1)) {
      if (cur.first < 0) cur = {i, 0};
      ++cur.length;
    } else if (cur.first >= 0) {
      if (cur.length > best.length) best = cur;
      cur = {};
    }
  }
  return best.length >= 2 ? best : ZeroRun{};
}

constexpr std::array<ZeroRun, 256> kZeroRuns = [] {
  std::array<ZeroRun, 256> t{};
  for (unsigned mask = 0; mask < 256; ++mask) t[mask] = longest_zero_run(mask);
  return t;
}();

// ::a.b.c.d and ::ffff:a.b.c.d keep the dotted quad (as inet_ntop prints them).
bool prints_dotted(const Groups& words, ZeroRun run) {
  return run.first == 0 && (run.length == 6 || (run.length == 5 && words[5] == 0xffff));
}

// Whether the text read is what write_ipv6 would print: plain lower-case groups, "::" exactly
// where the longest zero run is, and the dotted quad exactly when the writer uses one.
bool is_rfc5952(const Ipv6Text& text) {
  if (!text.plain_hex) return false;
  const ZeroRun run = kZeroRuns[text.zero_groups];
  return text.gap == run.first && text.gap_length == run.length && text.dotted == prints_dotted(text.groups, run);
}

// Bytes write_ipv6 may store past the end of its text (a group is stored as four characters).
constexpr std::size_t kWriteSlack = 3;

// Lower-case hex without leading zeros, the longest zero run as "::". `out` needs room for the
// text plus kWriteSlack.
std::size_t write_ipv6(const Ipv6Text& text, char* out) {
  const Groups& words = text.groups;
  const ZeroRun run = kZeroRuns[text.zero_groups];
  static constexpr char kHex[] = "0123456789abcdef";
  char* p = out;
  for (int i = 0; i < 8; ++i) {
    if (i >= run.first && i < run.first + run.length) {
      if (i == run.first) *p++ = ':';
      continue;
    }
    if (i != 0) *p++ = ':';
    if (i == 6 && prints_dotted(words, run)) {
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
  if (run.length > 0 && run.first + run.length == 8) *p++ = ':';
  return static_cast<std::size_t>(p - out);
}

constexpr std::size_t kMaxIpv6Text = 45;  // INET6_ADDRSTRLEN - 1

}  // namespace

IpText classify_ip(std::string_view text) {
  if (text.empty() || text.size() > kMaxIpv6Text) return IpText::invalid;
  std::uint8_t v4[4];
  if (read_ipv4(text, v4)) return IpText::ipv4;  // rejects any ':'; read_ipv6 rejects text without one
  Ipv6Text addr;
  if (!read_ipv6(text, addr)) return IpText::invalid;
  return is_rfc5952(addr) ? IpText::ipv6_canonical : IpText::ipv6_noncanonical;
}

std::string canonical_ipv6(std::string_view text) {
  Ipv6Text addr;
  if (text.size() > kMaxIpv6Text || !read_ipv6(text, addr)) return {};
  char canon[kMaxIpv6Text + kWriteSlack];
  return std::string(canon, write_ipv6(addr, canon));
}

}  // namespace tlsrpt
