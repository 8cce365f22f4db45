#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

class NoSharedCipher final : public TlsFault {
 public:
  std::string_view name() const override { return "no-shared-cipher"; }
  std::string_view description() const override { return "the server offers only anonymous TLS 1.2 ciphers, which no sender enables"; }
  void shape(SessionPlan& plan) const override { plan.tls_shape = TlsShape::no_shared_cipher; }
};

}  // namespace

const TlsFault& no_shared_cipher_fault() {
  static const NoSharedCipher fault;
  return fault;
}

}  // namespace tlsrpt::fakemx::smtp
