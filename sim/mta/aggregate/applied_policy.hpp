// The policy a session was evaluated under, as RFC 8460 §4.4/§4.5 reports it: the type, the
// policy domain, the policy lines (sts: the fetched lines as published; tlsa: one "u s m HEX" per
// RR) and, for sts only, the policy's mx patterns.
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
  bool operator==(const AppliedPolicy&) const = default;
};

inline AppliedPolicy no_policy_found(std::string domain) {
  return AppliedPolicy{PolicyType::no_policy_found, std::move(domain), {}, {}};
}

}  // namespace tlsrpt::sim
