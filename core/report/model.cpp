#include "core/report/model.hpp"

namespace tlsrpt {

std::string_view to_string(PolicyType t) {
  switch (t) {
    case PolicyType::sts: return "sts";
    case PolicyType::tlsa: return "tlsa";
    case PolicyType::no_policy_found: return "no-policy-found";
    case PolicyType::unknown: break;
  }
  return "unknown";
}

PolicyType policy_type_from(std::string_view text) {
  if (text == "sts") return PolicyType::sts;
  if (text == "tlsa") return PolicyType::tlsa;
  if (text == "no-policy-found") return PolicyType::no_policy_found;
  return PolicyType::unknown;
}

}  // namespace tlsrpt
