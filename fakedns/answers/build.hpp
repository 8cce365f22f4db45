// Builds an authoritative answer from zone data with ldns: NOERROR with data, CNAME chains inside
// the zone, NODATA and NXDOMAIN with the SOA (and NSEC proofs when DNSSEC is asked for).
#pragma once

#include <cstdint>
#include <vector>

#include "fakedns/answers/zone_data.hpp"

namespace tlsrpt::fakedns::detail {

struct AnswerRequest {
  const ldns_rdf* qname = nullptr;  // as the client spelled it (case is preserved in the question)
  std::uint16_t qtype = 0;
  bool edns = true;
  bool dnssec_ok = false;
  bool force_nxdomain = false;      // the nxdomain fault: deny a name that exists
};

// The answer in wire form, ID 0, flags QR+AA (RD/CD are the caller's to copy); the OPT record, if
// any, is the last record. Returns an empty vector when ldns cannot encode it.
std::vector<std::uint8_t> build_answer(const ZoneData& zone, const AnswerRequest& request);

// A header-and-question-only answer (REFUSED, SERVFAIL, FORMERR, TC=1): copies the question from the
// query when `question` is not empty; adds an OPT when edns.
void write_minimal_answer(std::vector<std::uint8_t>& out, std::uint16_t id, std::uint16_t query_flags,
                          unsigned rcode, bool aa, bool tc, const std::uint8_t* question,
                          std::size_t question_size, bool edns, bool dnssec_ok,
                          unsigned extended_rcode = 0);

constexpr std::uint16_t advertised_udp_size = 1232;

}  // namespace tlsrpt::fakedns::detail
