#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

class HandshakeAbort final : public TlsFault {
 public:
  std::string_view name() const override { return "handshake-abort"; }
  std::string_view description() const override { return "the server reads the ClientHello and closes the connection"; }
  void shape(SessionPlan& plan) const override { plan.after_ready = AfterReady::abort; }
};

}  // namespace

const TlsFault& handshake_abort_fault() {
  static const HandshakeAbort fault;
  return fault;
}

}  // namespace tlsrpt::fakemx::smtp
