// Our validator's verdict on one input, the reference the oracle compares a target against:
// valid (strict profile: any receiver must accept), acceptable (lenient only: either answer is
// fine), invalid (even the lenient profile rejects it: a receiver must not accept it).
#pragma once

#include <string>
#include <string_view>

#include "core/report/finding.hpp"

namespace tlsrpt::fuzz {

enum class Expected { valid, acceptable, invalid };
std::string_view to_string(Expected e);

struct OurVerdict {
  Expected expected = Expected::invalid;
  Findings findings;      // strict-profile findings (what a reproducer's verdict.json lists)
  std::string first_error;  // rule id of the first error, "" when valid
};

OurVerdict our_verdict(std::string_view bytes);

// {"expected":"invalid","findings":[{"severity":…,"where":…,"rule":…,"message":…}]} with sorted keys.
std::string verdict_json(const OurVerdict& v);

}  // namespace tlsrpt::fuzz
