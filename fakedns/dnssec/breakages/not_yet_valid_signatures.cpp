// not-yet-valid-signatures: every signature's inception is a week after "now".
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class NotYetValidSignatures : public Breakage {
 public:
  void before_signing(SigningPlan& plan) const override {
    plan.inception = plan.now + 7 * 86400;  // beyond validators' clock-skew allowance (unbound: 1 day)
    plan.expiration = plan.now + 37 * 86400;
  }
};

}  // namespace

std::unique_ptr<Breakage> make_not_yet_valid_signatures(const std::string&) {
  return std::make_unique<NotYetValidSignatures>();
}

}  // namespace tlsrpt::fakedns::detail
