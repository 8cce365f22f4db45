// A fault the server injects into its answers, triggered by name/type, by probability and by count.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tlsrpt::fakedns {

struct FaultSpec {
  std::string kind;  // a stable name from fault_kinds(): "servfail", "drop", "delay", ...
  std::string name;  // the query name it applies to ("mx1.example.test."); empty: every name
  std::string type;  // the query type it applies to ("TLSA"); empty: every type
  double probability = 1.0;             // chance per matching query, drawn from the seeded Rng
  std::optional<std::uint64_t> count;   // fire for the next N matching queries only, then vanish
  std::chrono::milliseconds delay{1500};  // how long "delay" holds the answer back
};

// The stable fault names: servfail, refused, drop, truncate, wrong-id, delay, nxdomain.
std::vector<std::string> fault_kinds();

}  // namespace tlsrpt::fakedns
