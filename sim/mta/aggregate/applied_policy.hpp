// The policy a session was evaluated under, as RFC 8460 §4.4/§4.5 reports it: the type, the
// policy domain, the policy lines (sts: the fetched lines as published; tlsa: one "u s m HEX" per
// RR) and, for sts only, the policy's mx patterns. A tlsa policy names its MX host as policy-domain
// (RFC 8460 §1.1) but is reported to the recipient domain whose mail it carried: that is where the
// TLSRPT record is looked up (RFC 8460 §3, as Postfix does: "the next-hop domain").
#pragma once

#include <string>
#include <vector>

#include "core/report/model.hpp"

namespace tlsrpt::sim {

struct AppliedPolicy {
  PolicyType type = PolicyType::no_policy_found;
  std::string domain;                     // sts/no-policy-found: recipient domain; tlsa: TLSA base domain
  std::vector<std::string> lines;         // policy-string source lines; empty when no body was fetched
  std::vector<std::string> mx_patterns;   // sts only
  std::string report_domain;              // whose report carries it; empty: `domain`
  const std::string& reported_to() const { return report_domain.empty() ? domain : report_domain; }
  bool operator==(const AppliedPolicy&) const = default;
};

inline AppliedPolicy no_policy_found(std::string domain) {
  return AppliedPolicy{PolicyType::no_policy_found, std::move(domain), {}, {}, {}};
}

}  // namespace tlsrpt::sim
