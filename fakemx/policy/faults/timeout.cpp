// Policy host fault "timeout": the request is accepted and never answered until the server gives up (sts-policy-fetch-error).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class Timeout final : public PolicyFault {
 public:
  std::string_view name() const override { return "timeout"; }
  std::string_view summary() const override { return "the request is accepted and never answered until the server gives up (sts-policy-fetch-error)."; }
  http::Response respond(const PolicyContext& context) const override {
    (void)context;
    return http::Response::hang();
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_timeout_fault() { return std::make_unique<Timeout>(); }

}  // namespace tlsrpt::fakemx::policy
