#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {

http::Response healthy_response(const PolicyContext& context, std::string_view line_ending) {
  std::string body;
  for (const auto& line : context.lines) {
    body += line;
    body += line_ending;
  }
  return http::Response::text(200, std::move(body), "text/plain");
}

const std::vector<std::unique_ptr<PolicyFault>>& all_faults() {
  static const auto faults = [] {
    std::vector<std::unique_ptr<PolicyFault>> list;
    list.push_back(make_not_found_fault());
    list.push_back(make_server_error_fault());
    list.push_back(make_timeout_fault());
    list.push_back(make_redirect_fault());
    list.push_back(make_wrong_content_type_fault());
    list.push_back(make_oversized_body_fault());
    list.push_back(make_malformed_policy_fault());
    list.push_back(make_lf_line_endings_fault());
    list.push_back(make_mixed_line_endings_fault());
    return list;
  }();
  return faults;
}

const PolicyFault* find_fault(std::string_view name) {
  for (const auto& fault : all_faults())
    if (fault->name() == name) return fault.get();
  return nullptr;
}

}  // namespace tlsrpt::fakemx::policy
