// nxdomain: deny a name that exists (NXDOMAIN with the SOA).
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Nxdomain : public Fault {
 public:
  explicit Nxdomain(const FaultSpec&) {}
  void apply(FaultEffect& effect) const override { effect.nxdomain = true; }
};

}  // namespace

std::unique_ptr<Fault> make_nxdomain_fault(const FaultSpec& spec) { return std::make_unique<Nxdomain>(spec); }

}  // namespace tlsrpt::fakedns::detail
