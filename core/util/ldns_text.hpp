// Reading record data out of ldns: the character-strings of a TXT record. Shared by the sender's
// resolver and the sink's DKIM key lookup; header-only, for targets that link ldns.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/util/ldns_ptr.hpp"

namespace tlsrpt::ldns {

// Each character-string of a TXT RR, in order, without its length octet.
inline std::vector<std::string> txt_strings(const ldns_rr* rr) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    const ldns_rdf* rdf = ldns_rr_rdf(rr, i);
    const std::uint8_t* data = ldns_rdf_data(rdf);
    const std::size_t size = ldns_rdf_size(rdf);
    if (size == 0) continue;
    const std::size_t len = std::min<std::size_t>(data[0], size - 1);
    out.emplace_back(reinterpret_cast<const char*>(data + 1), len);
  }
  return out;
}

}  // namespace tlsrpt::ldns
