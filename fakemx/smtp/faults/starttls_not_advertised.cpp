#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

class StarttlsNotAdvertised final : public TlsFault {
 public:
  std::string_view name() const override { return "starttls-not-advertised"; }
  std::string_view description() const override { return "EHLO does not list STARTTLS and the command is refused with 502"; }
  void shape(SessionPlan& plan) const override { plan.starttls.advertise = false; }
};

}  // namespace

const TlsFault& starttls_not_advertised_fault() {
  static const StarttlsNotAdvertised fault;
  return fault;
}

}  // namespace tlsrpt::fakemx::smtp
