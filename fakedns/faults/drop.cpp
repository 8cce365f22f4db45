// drop: send nothing, so the client times out.
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Drop : public Fault {
 public:
  explicit Drop(const FaultSpec&) {}
  void apply(FaultEffect& effect) const override { effect.drop = true; }
};

}  // namespace

std::unique_ptr<Fault> make_drop_fault(const FaultSpec& spec) { return std::make_unique<Drop>(spec); }

}  // namespace tlsrpt::fakedns::detail
