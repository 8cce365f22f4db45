// What one case did to the target, reduced to what the fuzzer acts on: a finding class (or none),
// the signature that deduplicates it, and one line a person reads in the summary.
#pragma once

#include <string>
#include <string_view>

namespace tlsrpt::fuzz {

// Stable names, used as folder names under findings/ and in the JSON summary.
enum class FindingClass { none, crash, hang, memory, server_error, reset, dead, verdict_mismatch };
std::string_view to_string(FindingClass c);

// How the target judged the input, when an oracle says how to tell.
enum class TargetVerdict { unknown, accept, reject };

struct Observation {
  FindingClass finding = FindingClass::none;
  std::string signature;  // equal signatures = the same bug
  std::string summary;    // "SIGSEGV in parse_policy", "exit 3: KeyError: 'policies'", "no answer in 2000 ms"
  std::string detail;     // the target's output (or the exchange) kept with the reproducer
  TargetVerdict verdict = TargetVerdict::unknown;
};

}  // namespace tlsrpt::fuzz
