// The RFC 8460 report as typed data (§4.4). Every field a real reporter may omit is optional so
// that parse(emit(r)) == r holds for whatever arrived; the codec emits in the RFC template's order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tlsrpt {

// §4.4 "policy-type". Anything else is kept verbatim in Policy::policy_type_text.
enum class PolicyType { sts, tlsa, no_policy_found, unknown };

std::string_view to_string(PolicyType t);
PolicyType policy_type_from(std::string_view text);

struct DateRange {
  std::string start_datetime;  // RFC 3339 text as sent; see core/util/datetime.hpp to interpret
  std::string end_datetime;
  bool operator==(const DateRange&) const = default;
};

struct Policy {
  PolicyType policy_type = PolicyType::no_policy_found;
  std::string policy_type_text;                          // the wire text (matters for unknown types)
  std::optional<std::vector<std::string>> policy_string;  // §4.5: one line (sts) or RR (tlsa) each
  std::optional<std::string> policy_domain;
  std::optional<std::vector<std::string>> mx_host;        // sts only; RFC 8461 §4.1 patterns
  // mx-host arrived (or is to be emitted) as a bare string, the RFC Appendix B form (EID 6241).
  bool mx_host_as_string = false;
  bool operator==(const Policy&) const = default;
};

struct Summary {
  std::optional<std::int64_t> total_successful_session_count;
  std::optional<std::int64_t> total_failure_session_count;
  bool operator==(const Summary&) const = default;
};

struct FailureDetail {
  std::string result_type;  // registry value (core/report/result_types.hpp) or an unknown string
  std::optional<std::string> sending_mta_ip;
  std::optional<std::string> receiving_mx_hostname;
  std::optional<std::string> receiving_mx_helo;
  std::optional<std::string> receiving_ip;
  std::optional<std::int64_t> failed_session_count;
  std::optional<std::string> additional_information;
  std::optional<std::string> failure_reason_code;
  bool operator==(const FailureDetail&) const = default;
};

struct PolicyReport {
  Policy policy;
  Summary summary;
  std::optional<std::vector<FailureDetail>> failure_details;  // absent vs [] is kept
  bool operator==(const PolicyReport&) const = default;
};

struct Report {
  std::optional<std::string> organization_name;
  DateRange date_range;
  std::optional<std::string> contact_info;  // null and absent both map to nullopt...
  std::optional<std::string> report_id;
  std::vector<PolicyReport> policies;
  bool contact_info_null = false;  // ...and this tells them apart: `"contact-info": null` (Stalwart)
  bool operator==(const Report&) const = default;
};

}  // namespace tlsrpt
