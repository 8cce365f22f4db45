// Policy host fault "redirect": 301 to another host; RFC 8461 §3.3 forbids following it (sts-policy-fetch-error).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class Redirect final : public PolicyFault {
 public:
  std::string_view name() const override { return "redirect"; }
  std::string_view summary() const override { return "301 to another host; RFC 8461 §3.3 forbids following it (sts-policy-fetch-error)."; }
  http::Response respond(const PolicyContext& context) const override {
    http::Response r = http::Response::text(301, "moved\n");
    return r.with("Location", "https://www." + context.domain + "/.well-known/mta-sts.txt");
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_redirect_fault() { return std::make_unique<Redirect>(); }

}  // namespace tlsrpt::fakemx::policy
