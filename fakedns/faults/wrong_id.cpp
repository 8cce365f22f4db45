// wrong-id: the answer carries an ID the client did not ask with (a spoofing symptom).
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class WrongId : public Fault {
 public:
  explicit WrongId(const FaultSpec&) {}
  void apply(FaultEffect& effect) const override { effect.wrong_id = true; }
};

}  // namespace

std::unique_ptr<Fault> make_wrong_id_fault(const FaultSpec& spec) { return std::make_unique<WrongId>(spec); }

}  // namespace tlsrpt::fakedns::detail
