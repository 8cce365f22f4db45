// An OpenSSL server context built from a PKI credential, in one of the shapes the TLS faults need.
// Immutable once built; sessions hold a reference while they use it, so a host can swap in a new
// certificate at any time without disturbing handshakes in flight.
#pragma once

#include <openssl/ssl.h>

#include <memory>

namespace tlsrpt::fakemx::pki {
struct Credential;
}

namespace tlsrpt::fakemx::smtp {

enum class TlsShape {
  normal,            // TLS 1.2 and 1.3, any cipher OpenSSL offers at security level 0
  tls1_0_only,       // only TLS 1.0: a modern sender finds no shared protocol version
  no_shared_cipher,  // TLS 1.2 with anonymous ciphers only: a modern sender finds no shared cipher
};

class ServerTls {
 public:
  ServerTls(const pki::Credential& credential, TlsShape shape);
  ~ServerTls();
  ServerTls(const ServerTls&) = delete;
  ServerTls& operator=(const ServerTls&) = delete;

  // A new reference to the context (the caller owns it, e.g. by handing it to asio::ssl::context).
  SSL_CTX* new_reference() const;

 private:
  SSL_CTX* ctx_;
};

}  // namespace tlsrpt::fakemx::smtp
