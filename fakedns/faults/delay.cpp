// delay: the right answer, sent late (FaultSpec::delay).
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class Delay : public Fault {
 public:
  explicit Delay(const FaultSpec& spec) : delay_(spec.delay) {}
  void apply(FaultEffect& effect) const override { effect.delay = delay_; }

 private:
  std::chrono::milliseconds delay_;
};

}  // namespace

std::unique_ptr<Fault> make_delay_fault(const FaultSpec& spec) { return std::make_unique<Delay>(spec); }

}  // namespace tlsrpt::fakedns::detail
