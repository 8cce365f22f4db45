// Policy host fault "malformed-policy": 200 text/plain with a body that is not a valid policy: wrong version, unknown mode, no max_age (sts-policy-invalid).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class MalformedPolicy final : public PolicyFault {
 public:
  std::string_view name() const override { return "malformed-policy"; }
  std::string_view summary() const override { return "200 text/plain with a body that is not a valid policy: wrong version, unknown mode, no max_age (sts-policy-invalid)."; }
  http::Response respond(const PolicyContext& context) const override {
    std::string body = "version: STSv2\r\nmode: sometimes\r\n";
    for (const auto& line : context.lines)
      if (line.rfind("mx:", 0) == 0) body += line + "\r\n";
    body += "this line has no colon\r\n";
    return http::Response::text(200, std::move(body), "text/plain");
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_malformed_policy_fault() { return std::make_unique<MalformedPolicy>(); }

}  // namespace tlsrpt::fakemx::policy
