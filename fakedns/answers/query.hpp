// Strict, allocation-free parser of an incoming DNS query (RFC 1035 4.1, RFC 6891 OPT). Every read
// is bounds-checked; pointers are refused in the question and never followed elsewhere, so no
// input can loop or read out of bounds.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace tlsrpt::fakedns::detail {

enum class ParseStatus {
  ok,
  drop,      // not worth an answer: shorter than a header, or a response (QR set)
  formerr,   // malformed: answer FORMERR
  notimp,    // an opcode other than QUERY
  badvers,   // EDNS version other than 0
};

struct Query {
  std::uint16_t id = 0;
  std::uint16_t flags = 0;          // the header's second 16 bits as received
  std::size_t qname_size = 0;       // wire size of the name, including the root label
  std::array<std::uint8_t, 256> lower{};  // the name in wire form, lower case
  std::uint16_t qtype = 0;
  std::uint16_t qclass = 0;
  std::size_t question_end = 0;     // offset just past the question
  bool has_question = false;
  bool edns = false;
  bool dnssec_ok = false;
  std::uint16_t udp_size = 512;
};

ParseStatus parse_query(std::span<const std::uint8_t> msg, Query& q);

}  // namespace tlsrpt::fakedns::detail
