// truncate: over UDP, an empty answer with TC=1 however small the real one is; TCP answers.
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Truncate : public Fault {
 public:
  explicit Truncate(const FaultSpec&) {}
  void apply(FaultEffect& effect) const override { effect.truncate = true; }
};

}  // namespace

std::unique_ptr<Fault> make_truncate_fault(const FaultSpec& spec) { return std::make_unique<Truncate>(spec); }

}  // namespace tlsrpt::fakedns::detail
