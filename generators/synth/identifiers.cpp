#include "generators/synth/identifiers.hpp"

#include <charconv>
#include <string_view>

namespace tlsrpt::gen {


void append_decimal(std::string& out, std::uint64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void append_decimal(std::string& out, std::int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

std::string uuid_v4(Rng& rng) {
  std::string out;
  out.reserve(36);
  append_uuid_v4(out, rng);
  return out;
}

void append_upper_hex(std::string& out, Rng& rng, std::size_t bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    if (i % 8 == 0) bits = rng.next();
    const auto b = static_cast<unsigned>(bits & 0xff);
    bits >>= 8;
    out += digits[b >> 4];
    out += digits[b & 15];
  }
}

std::string upper_hex(Rng& rng, std::size_t bytes) {
  std::string out;
  out.reserve(bytes * 2);
  append_upper_hex(out, rng, bytes);
  return out;
}

void assign_documentation_ip(std::string& out, Rng& rng, const std::vector<std::string>& pool) {
  if (!pool.empty()) {
    out = pool[rng.below(pool.size())];
    return;
  }
  const auto host = static_cast<unsigned>(1 + rng.below(254));
  static constexpr std::string_view kNets[] = {"192.0.2.", "198.51.100.", "203.0.113."};
  const auto net = rng.below(4);
  if (net < 3) {
    out = kNets[net];
    append_decimal(out, std::uint64_t{host});
  } else {  // 2001:db8:<1..fffe>::<host>, hex without leading zeros
    out = "2001:db8:";
    const auto group = static_cast<unsigned>(1 + rng.below(0xfffe));
    char buf[8];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, group, 16).ptr);
    out += "::";
    out.append(buf, std::to_chars(buf, buf + sizeof buf, host, 16).ptr);
  }
}

std::string documentation_ip(Rng& rng, const std::vector<std::string>& pool) {
  std::string out;
  assign_documentation_ip(out, rng, pool);
  return out;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace tlsrpt::gen
