// servfail: answer SERVFAIL with no records.
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Servfail : public Fault {
 public:
  explicit Servfail(const FaultSpec&) {}
  void apply(FaultEffect& effect) const override { effect.rcode = 2; }
};

}  // namespace

std::unique_ptr<Fault> make_servfail_fault(const FaultSpec& spec) { return std::make_unique<Servfail>(spec); }

}  // namespace tlsrpt::fakedns::detail
