#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

class Tls10Only final : public TlsFault {
 public:
  std::string_view name() const override { return "tls1.0-only"; }
  std::string_view description() const override { return "the server speaks only TLS 1.0, which modern senders refuse"; }
  void shape(SessionPlan& plan) const override { plan.tls_shape = TlsShape::tls1_0_only; }
};

}  // namespace

const TlsFault& tls1_0_only_fault() {
  static const Tls10Only fault;
  return fault;
}

}  // namespace tlsrpt::fakemx::smtp
