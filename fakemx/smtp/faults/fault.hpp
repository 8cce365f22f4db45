// TLS faults of an MX host: one file each, registered by a stable name (registry.cpp). A fault
// reshapes the plan of one SMTP session before it starts; which sessions get it is decided by the
// host's triggers (count and/or seeded probability, see fakemx/smtp/mx_server.hpp).
#pragma once

#include <string_view>
#include <vector>

#include "fakemx/smtp/protocol.hpp"
#include "fakemx/smtp/server_tls.hpp"

namespace tlsrpt::fakemx::smtp {

// What happens right after the server has answered STARTTLS with 220.
enum class AfterReady {
  handshake,  // a real in-place TLS handshake on the same socket
  stall,      // never handshake: hold the connection until the session deadline, then close
  abort,      // read the ClientHello, then close the TCP connection without a word
};

struct SessionPlan {
  StarttlsPolicy starttls;
  AfterReady after_ready = AfterReady::handshake;
  TlsShape tls_shape = TlsShape::normal;
};

class TlsFault {
 public:
  virtual ~TlsFault() = default;
  virtual std::string_view name() const = 0;         // stable: scenarios and flags use it
  virtual std::string_view description() const = 0;  // one line, plain English
  virtual void shape(SessionPlan& plan) const = 0;
};

// nullptr if no fault has that name.
const TlsFault* find_fault(std::string_view name);
const std::vector<const TlsFault*>& all_faults();

}  // namespace tlsrpt::fakemx::smtp
