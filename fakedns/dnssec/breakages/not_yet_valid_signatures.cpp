// not-yet-valid-signatures: every signature's inception is a day after "now".
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class NotYetValidSignatures : public Breakage {
 public:
  void before_signing(SigningPlan& plan) const override {
    plan.inception = plan.now + 86400;
    plan.expiration = plan.now + 31 * 86400;
  }
};

}  // namespace

std::unique_ptr<Breakage> make_not_yet_valid_signatures(const std::string&) {
  return std::make_unique<NotYetValidSignatures>();
}

}  // namespace tlsrpt::fakedns::detail
