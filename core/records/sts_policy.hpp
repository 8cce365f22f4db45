// The MTA-STS policy file, https://mta-sts.<domain>/.well-known/mta-sts.txt (RFC 8461 §3.2):
// "key: value" lines separated by CRLF or LF; version (STSv1), mode (enforce|testing|none) and
// max_age (0..31557600) once each, mx (["*."] Domain) at least once unless mode is none; unknown
// keys ignored; a repeated non-mx key keeps the first. Also the §4.1 MX pattern match.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/records/record_result.hpp"

namespace tlsrpt {

enum class StsMode { enforce, testing, none };
std::string_view to_string(StsMode mode);

struct StsPolicy {
  StsMode mode = StsMode::none;
  std::int64_t max_age = 0;  // seconds
  std::vector<std::string> mx;  // patterns in file order
  std::vector<std::pair<std::string, std::string>> extensions;
  // Every non-blank line verbatim, in file order, without its line ending: what a report echoes
  // as policy-string (RFC 8460 §4.5, "including any errors that may be present").
  std::vector<std::string> lines;
};

inline constexpr std::int64_t kStsMaxAgeLimit = 31557600;

// Errors carry line and column. Blank lines and a duplicated key are warnings.
RecordResult<StsPolicy> parse_sts_policy(std::string_view text);

// RFC 8461 §4.1: case-insensitive; "*.example.com" matches exactly one extra leftmost label
// ("mail.example.com", not "example.com" or "a.b.example.com"). One trailing dot on the host is ignored.
bool mx_pattern_matches(std::string_view pattern, std::string_view host);

// Whether any of the policy's mx patterns matches `host`.
bool policy_allows_mx(const StsPolicy& policy, std::string_view host);

}  // namespace tlsrpt
