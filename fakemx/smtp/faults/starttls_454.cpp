#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

class Starttls454 final : public TlsFault {
 public:
  std::string_view name() const override { return "starttls-454"; }
  std::string_view description() const override { return "STARTTLS is advertised but answered 454 (TLS not available)"; }
  void shape(SessionPlan& plan) const override { plan.starttls.refuse = Reply{454, "4.7.0 TLS not available due to temporary reason"}; }
};

}  // namespace

const TlsFault& starttls_454_fault() {
  static const Starttls454 fault;
  return fault;
}

}  // namespace tlsrpt::fakemx::smtp
