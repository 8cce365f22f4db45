// expired-signatures: every signature expired a week before "now".
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class ExpiredSignatures : public Breakage {
 public:
  void before_signing(SigningPlan& plan) const override {
    plan.inception = plan.now - 37 * 86400;
    plan.expiration = plan.now - 7 * 86400;  // beyond validators' clock-skew allowance
  }
};

}  // namespace

std::unique_ptr<Breakage> make_expired_signatures(const std::string&) {
  return std::make_unique<ExpiredSignatures>();
}

}  // namespace tlsrpt::fakedns::detail
