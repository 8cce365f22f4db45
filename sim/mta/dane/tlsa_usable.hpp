// RFC 7672 §3.1 / RFC 6698 §4.1: which TLSA records an SMTP client can use. Usages 0 and 1 are
// unusable for SMTP; unknown selectors and matching types, and digests of the wrong length, too.
#pragma once

#include <string>
#include <vector>

#include "sim/mta/smtp/smtp_client.hpp"

namespace tlsrpt::sim {

struct TlsaSelection {
  std::vector<TlsaRecord> usable;
  std::vector<std::string> policy_strings;  // every record as the report shows it ("3 1 1 HEX")
  std::size_t unusable = 0;
};

TlsaSelection select_usable_tlsa(const std::vector<std::string>& rdatas);

}  // namespace tlsrpt::sim
