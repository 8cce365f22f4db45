// Policy host fault "mixed-line-endings": the policy with CRLF and LF line endings alternating, which RFC 8461 §3.2 allows.
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class MixedLineEndings final : public PolicyFault {
 public:
  std::string_view name() const override { return "mixed-line-endings"; }
  std::string_view summary() const override { return "the policy with CRLF and LF line endings alternating, which RFC 8461 §3.2 allows."; }
  http::Response respond(const PolicyContext& context) const override {
    http::Response r = healthy_response(context, "\n");
    std::string body;
    bool crlf = true;
    for (const auto& line : context.lines) {
      body += line + (crlf ? "\r\n" : "\n");
      crlf = !crlf;
    }
    r.body = std::move(body);
    return r;
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_mixed_line_endings_fault() { return std::make_unique<MixedLineEndings>(); }

}  // namespace tlsrpt::fakemx::policy
