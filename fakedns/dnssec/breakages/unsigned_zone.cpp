// unsigned: the zone is served without any DNSSEC records (insecure); no trust anchor is exported.
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Unsigned : public Breakage {
 public:
  void before_signing(SigningPlan& plan) const override { plan.sign = false; }
};

}  // namespace

std::unique_ptr<Breakage> make_unsigned(const std::string&) { return std::make_unique<Unsigned>(); }

}  // namespace tlsrpt::fakedns::detail
