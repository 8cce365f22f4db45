// refused: answer REFUSED with no records.
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Refused : public Fault {
 public:
  explicit Refused(const FaultSpec&) {}
  void apply(FaultEffect& effect) const override { effect.rcode = 5; }
};

}  // namespace

std::unique_ptr<Fault> make_refused_fault(const FaultSpec& spec) { return std::make_unique<Refused>(spec); }

}  // namespace tlsrpt::fakedns::detail
