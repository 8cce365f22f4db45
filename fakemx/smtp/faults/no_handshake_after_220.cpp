#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

class NoHandshakeAfter220 final : public TlsFault {
 public:
  std::string_view name() const override { return "no-handshake-after-220"; }
  std::string_view description() const override { return "STARTTLS is answered 220, then the server never takes part in a handshake"; }
  void shape(SessionPlan& plan) const override { plan.after_ready = AfterReady::stall; }
};

}  // namespace

const TlsFault& no_handshake_after_220_fault() {
  static const NoHandshakeAfter220 fault;
  return fault;
}

}  // namespace tlsrpt::fakemx::smtp
