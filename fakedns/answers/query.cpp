#include "fakedns/answers/query.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

std::uint16_t read16(std::span<const std::uint8_t> m, std::size_t at) {
  return static_cast<std::uint16_t>(m[at] << 8 | m[at + 1]);
}

// Skips a possibly compressed name without following pointers; false when malformed.
bool skip_name(std::span<const std::uint8_t> m, std::size_t& at) {
  std::size_t total = 0;
  while (at < m.size()) {
    const std::uint8_t len = m[at];
    if ((len & 0xC0) == 0xC0) {
      if (at + 2 > m.size()) return false;
      at += 2;
      return true;
    }
    if (len & 0xC0) return false;  // 0x40 / 0x80 label types are obsolete
    total += len + 1u;
    if (total > 255) return false;
    at += 1u + len;
    if (len == 0) return at <= m.size();
  }
  return false;
}

}  // namespace

ParseStatus parse_query(std::span<const std::uint8_t> m, Query& q) {
  q = Query{};
  if (m.size() < 12) return ParseStatus::drop;
  q.id = read16(m, 0);
  q.flags = read16(m, 2);
  if (q.flags & 0x8000) return ParseStatus::drop;
  const unsigned opcode = (q.flags >> 11) & 0xF;
  const std::uint16_t qdcount = read16(m, 4);
  const unsigned other = static_cast<unsigned>(read16(m, 6)) + read16(m, 8) + read16(m, 10);
  if (opcode != 0) return ParseStatus::notimp;
  if (qdcount != 1) return ParseStatus::formerr;

  std::size_t at = 12;
  for (;;) {
    if (at >= m.size()) return ParseStatus::formerr;
    const std::uint8_t len = m[at];
    if (len > 63) return ParseStatus::formerr;  // pointers and obsolete label types in a question
    if (at - 12 + 1u + len > 255 || at + 1u + len > m.size()) return ParseStatus::formerr;
    q.lower[at - 12] = len;
    for (std::size_t i = 1; i <= len; ++i) {
      std::uint8_t c = m[at + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<std::uint8_t>(c + 32);
      q.lower[at - 12 + i] = c;
    }
    at += 1u + len;
    if (len == 0) break;
  }
  q.qname_size = at - 12;
  if (at + 4 > m.size()) return ParseStatus::formerr;
  q.qtype = read16(m, at);
  q.qclass = read16(m, at + 2);
  at += 4;
  q.question_end = at;
  q.has_question = true;

  // The remaining sections: only an OPT in the additional section means anything to us.
  const unsigned ar_start = read16(m, 6) + read16(m, 8);
  for (unsigned i = 0; i < other; ++i) {
    const std::size_t name_at = at;
    if (!skip_name(m, at) || at + 10 > m.size()) return ParseStatus::formerr;
    const std::uint16_t type = read16(m, at);
    const std::uint16_t rdlen = read16(m, at + 8);
    if (at + 10 + rdlen > m.size()) return ParseStatus::formerr;
    if (type == 41) {  // OPT
      if (i < ar_start || q.edns || m[name_at] != 0) return ParseStatus::formerr;
      q.edns = true;
      q.udp_size = read16(m, at + 2) < 512 ? 512 : read16(m, at + 2);
      const std::uint8_t version = m[at + 5];
      q.dnssec_ok = (m[at + 6] & 0x80) != 0;
      if (version != 0) return ParseStatus::badvers;
    }
    at += 10u + rdlen;
  }
  return ParseStatus::ok;
}

}  // namespace tlsrpt::fakedns::detail
