// Policy host fault "wrong-content-type": a correct policy served as text/html; RFC 8461 §3.2 requires text/plain (sts-policy-invalid).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class WrongContentType final : public PolicyFault {
 public:
  std::string_view name() const override { return "wrong-content-type"; }
  std::string_view summary() const override { return "a correct policy served as text/html; RFC 8461 §3.2 requires text/plain (sts-policy-invalid)."; }
  http::Response respond(const PolicyContext& context) const override {
    http::Response r = healthy_response(context);
    r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    return r;
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_wrong_content_type_fault() { return std::make_unique<WrongContentType>(); }

}  // namespace tlsrpt::fakemx::policy
