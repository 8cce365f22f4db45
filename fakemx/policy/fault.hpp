// A fault of the MTA-STS policy host: the response served instead of the healthy policy. One file
// per fault under faults/, each registered by a stable name in fault_registry.cpp. Certificate
// faults ("cert-<pki profile>") are handshake-level and live in cert_fault.hpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fakemx/http/message.hpp"

namespace tlsrpt::fakemx::policy {

struct PolicyContext {
  const std::string& domain;              // the policy domain ("example.test")
  const std::vector<std::string>& lines;  // the policy's "key: value" lines, no line endings
};

// The healthy answer, RFC 8461 §3.2/§3.3: 200, text/plain, lines joined by `line_ending`.
http::Response healthy_response(const PolicyContext& context, std::string_view line_ending = "\r\n");

class PolicyFault {
 public:
  virtual ~PolicyFault() = default;
  virtual std::string_view name() const = 0;     // stable: "http-404", "timeout", ...
  virtual std::string_view summary() const = 0;  // what a sender sees, one sentence
  virtual http::Response respond(const PolicyContext& context) const = 0;
};

// The factories, one per file under faults/.
std::unique_ptr<PolicyFault> make_not_found_fault();
std::unique_ptr<PolicyFault> make_server_error_fault();
std::unique_ptr<PolicyFault> make_timeout_fault();
std::unique_ptr<PolicyFault> make_redirect_fault();
std::unique_ptr<PolicyFault> make_wrong_content_type_fault();
std::unique_ptr<PolicyFault> make_oversized_body_fault();
std::unique_ptr<PolicyFault> make_malformed_policy_fault();
std::unique_ptr<PolicyFault> make_lf_line_endings_fault();
std::unique_ptr<PolicyFault> make_mixed_line_endings_fault();

// nullptr for an unknown name.
const PolicyFault* find_fault(std::string_view name);
const std::vector<std::unique_ptr<PolicyFault>>& all_faults();

}  // namespace tlsrpt::fakemx::policy
