// The list of TLS faults by stable name. Adding a fault: a file defining `<name>_fault()`, one line
// in each list below, and a test.
#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {

const TlsFault& starttls_not_advertised_fault();
const TlsFault& starttls_454_fault();
const TlsFault& no_handshake_after_220_fault();
const TlsFault& handshake_abort_fault();
const TlsFault& tls1_0_only_fault();
const TlsFault& no_shared_cipher_fault();

const std::vector<const TlsFault*>& all_faults() {
  static const std::vector<const TlsFault*> faults{
      &starttls_not_advertised_fault(), &starttls_454_fault(), &no_handshake_after_220_fault(),
      &handshake_abort_fault(),         &tls1_0_only_fault(),  &no_shared_cipher_fault(),
  };
  return faults;
}

const TlsFault* find_fault(std::string_view name) {
  for (const TlsFault* f : all_faults())
    if (f->name() == name) return f;
  return nullptr;
}

}  // namespace tlsrpt::fakemx::smtp
