#include "generators/synth/identifiers.hpp"

#include <cstdio>

namespace tlsrpt::gen {

std::string uuid_v4(Rng& rng) {
  const std::uint64_t hi = (rng.next() & ~0xf000ULL) | 0x4000ULL;               // version 4
  const std::uint64_t lo = (rng.next() & ~(3ULL << 62)) | (2ULL << 62);        // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

std::uint64_t windows_filetime(std::int64_t unix_seconds) {
  return static_cast<std::uint64_t>(unix_seconds + 11644473600LL) * 10000000ULL;
}

std::string upper_hex(Rng& rng, std::size_t bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes * 2);
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    if (i % 8 == 0) bits = rng.next();
    const auto b = static_cast<unsigned>(bits & 0xff);
    bits >>= 8;
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

std::string documentation_ip(Rng& rng, const std::vector<std::string>& pool) {
  if (!pool.empty()) return pool[rng.below(pool.size())];
  const auto host = static_cast<unsigned>(1 + rng.below(254));
  char buf[48];
  switch (rng.below(4)) {
    case 0: std::snprintf(buf, sizeof buf, "192.0.2.%u", host); break;
    case 1: std::snprintf(buf, sizeof buf, "198.51.100.%u", host); break;
    case 2: std::snprintf(buf, sizeof buf, "203.0.113.%u", host); break;
    default:
      std::snprintf(buf, sizeof buf, "2001:db8:%x::%x", static_cast<unsigned>(1 + rng.below(0xfffe)), host);
  }
  return buf;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace tlsrpt::gen
