// Policy host fault "oversized-body": a correct policy padded with extension lines past the 64 KiB suggested in RFC 8461 §3.3.
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class OversizedBody final : public PolicyFault {
 public:
  std::string_view name() const override { return "oversized-body"; }
  std::string_view summary() const override { return "a correct policy padded with extension lines past the 64 KiB suggested in RFC 8461 §3.3."; }
  http::Response respond(const PolicyContext& context) const override {
    http::Response r = healthy_response(context);
    const std::string pad = "x-padding: " + std::string(100, 'x') + "\r\n";
    while (r.body.size() <= 80 * 1024) r.body += pad;
    return r;
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_oversized_body_fault() { return std::make_unique<OversizedBody>(); }

}  // namespace tlsrpt::fakemx::policy
