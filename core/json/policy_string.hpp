// Shape checks for RFC 8460 §4.5 policy-string elements: MTA-STS policy lines (RFC 8461 §3.2) and
// TLSA records in presentation form.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tlsrpt {

// nullopt when the lines form a plausible STSv1 policy, else one plain sentence saying what is wrong.
std::optional<std::string> sts_policy_problem(std::span<const std::string_view> lines);

enum class TlsaText { ok, json_in_string, malformed };

// "3 1 1 0C72AC70...": usage, selector, matching type (0..255 each), then even-length hex.
TlsaText classify_tlsa_record(std::string_view element);

}  // namespace tlsrpt
