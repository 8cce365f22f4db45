// Policy host fault "http-500": the policy URL answers 500 Internal Server Error (sts-policy-fetch-error).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class ServerError final : public PolicyFault {
 public:
  std::string_view name() const override { return "http-500"; }
  std::string_view summary() const override { return "the policy URL answers 500 Internal Server Error (sts-policy-fetch-error)."; }
  http::Response respond(const PolicyContext& context) const override {
    (void)context;
    return http::Response::text(500, "internal server error\n");
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_server_error_fault() { return std::make_unique<ServerError>(); }

}  // namespace tlsrpt::fakemx::policy
