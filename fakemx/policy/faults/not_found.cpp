// Policy host fault "http-404": the policy URL answers 404 Not Found (sts-policy-fetch-error).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class NotFound final : public PolicyFault {
 public:
  std::string_view name() const override { return "http-404"; }
  std::string_view summary() const override { return "the policy URL answers 404 Not Found (sts-policy-fetch-error)."; }
  http::Response respond(const PolicyContext& context) const override {
    return http::Response::text(404, "no policy for " + context.domain + "\n");
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_not_found_fault() { return std::make_unique<NotFound>(); }

}  // namespace tlsrpt::fakemx::policy
