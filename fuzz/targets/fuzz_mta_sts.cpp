// The MTA-STS TXT record and policy file parsers on arbitrary text. A policy that parses must
// parse again, to the same values, from its own echoed lines (what a report's policy-string holds).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/records/sts_policy.hpp"
#include "core/records/sts_record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto record = tlsrpt::parse_sts_record(text);
  if (record.ok() && (record.value->id.empty() || record.value->id.size() > 32)) std::abort();

  const auto policy = tlsrpt::parse_sts_policy(text);
  if (policy.ok() != policy.errors.empty()) std::abort();
  if (!policy.ok()) return 0;
  const auto& p = *policy.value;
  if (p.max_age < 0 || p.max_age > tlsrpt::kStsMaxAgeLimit) std::abort();
  if (p.mode != tlsrpt::StsMode::none && p.mx.empty()) std::abort();
  std::string echoed;
  for (const auto& line : p.lines) echoed += line + "\r\n";
  const auto again = tlsrpt::parse_sts_policy(echoed);
  if (!again.ok() || again.value->mode != p.mode || again.value->max_age != p.max_age || again.value->mx != p.mx ||
      again.value->lines != p.lines)
    std::abort();
  for (const auto& mx : p.mx) {
    const std::string host = mx.rfind("*.", 0) == 0 ? "x" + mx.substr(1) : mx;
    if (!tlsrpt::policy_allows_mx(p, host)) std::abort();
  }
  return 0;
}
