// The "STARTTLS Validation Result Types" registry (RFC 8460 §4.3, §6.6) with the plain-English
// text every output of the project uses.
#pragma once

#include <span>
#include <string_view>

namespace tlsrpt {

enum class ResultType {
  starttls_not_supported,
  certificate_host_mismatch,
  certificate_expired,
  certificate_not_trusted,
  validation_failure,
  tlsa_invalid,
  dnssec_invalid,
  dane_required,
  sts_policy_fetch_error,
  sts_policy_invalid,
  sts_webpki_invalid,
};

struct ResultTypeInfo {
  ResultType type;
  std::string_view name;        // the wire value, e.g. "certificate-expired"
  std::string_view section;     // "4.3.1"
  std::string_view group;       // "negotiation" | "dane" | "mta-sts" | "general"
  std::string_view explanation; // one sentence an operator understands at 3 a.m.
  std::string_view remedy;      // what the receiving domain should look at first
};

// All 11 registry rows, in RFC order.
std::span<const ResultTypeInfo> result_types();

// Lookup by wire value; nullptr for a value not in the registry (receivers must accept those).
const ResultTypeInfo* find_result_type(std::string_view name);
const ResultTypeInfo& info(ResultType type);
std::string_view to_string(ResultType type);

}  // namespace tlsrpt
