// Policy host fault "lf-line-endings": the policy with bare LF line endings, which RFC 8461 §3.2 allows (senders must accept it).
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {
namespace {

class LfLineEndings final : public PolicyFault {
 public:
  std::string_view name() const override { return "lf-line-endings"; }
  std::string_view summary() const override { return "the policy with bare LF line endings, which RFC 8461 §3.2 allows (senders must accept it)."; }
  http::Response respond(const PolicyContext& context) const override {
    return healthy_response(context, "\n");
  }
};

}  // namespace

std::unique_ptr<PolicyFault> make_lf_line_endings_fault() { return std::make_unique<LfLineEndings>(); }

}  // namespace tlsrpt::fakemx::policy
