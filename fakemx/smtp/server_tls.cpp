#include "fakemx/smtp/server_tls.hpp"

#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/openssl_ptr.hpp"

namespace tlsrpt::fakemx::smtp {

using pki::check;

ServerTls::ServerTls(const pki::Credential& credential, TlsShape shape) : ctx_(SSL_CTX_new(TLS_server_method())) {
  check(ctx_ != nullptr, "SSL_CTX_new");
  try {
    // The server serves whatever it was given (RSA-1024, SHA-1, TLS 1.0): judging it is the sender's job.
    SSL_CTX_set_security_level(ctx_, 0);
    SSL_CTX_set_options(ctx_, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_session_cache_mode(ctx_, SSL_SESS_CACHE_OFF);
    // No TLS 1.3 session tickets: senders never resume (each session's certificate is checked at
    // its own virtual time), so the two tickets OpenSSL sends by default would be wasted work.
    SSL_CTX_set_num_tickets(ctx_, 0);
    switch (shape) {
      case TlsShape::normal:
        check(SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION) == 1, "setting the minimum TLS version");
        break;
      case TlsShape::tls1_0_only:
        check(SSL_CTX_set_min_proto_version(ctx_, TLS1_VERSION) == 1 &&
                  SSL_CTX_set_max_proto_version(ctx_, TLS1_VERSION) == 1,
              "restricting to TLS 1.0");
        check(SSL_CTX_set_cipher_list(ctx_, "DEFAULT:@SECLEVEL=0") == 1, "TLS 1.0 cipher list");
        break;
      case TlsShape::no_shared_cipher:
        check(SSL_CTX_set_max_proto_version(ctx_, TLS1_2_VERSION) == 1, "restricting to TLS 1.2");
        check(SSL_CTX_set_cipher_list(ctx_, "aNULL:!eNULL:@SECLEVEL=0") == 1, "anonymous-only cipher list");
        break;
    }
    check(SSL_CTX_use_certificate(ctx_, credential.leaf.get()) == 1, "loading the leaf certificate");
    check(SSL_CTX_use_PrivateKey(ctx_, credential.key.get()) == 1, "loading the private key");
    check(SSL_CTX_check_private_key(ctx_) == 1, "matching the key to the certificate");
    for (const auto& extra : credential.chain)
      check(SSL_CTX_add1_chain_cert(ctx_, extra.get()) == 1, "adding a chain certificate");
  } catch (...) {
    SSL_CTX_free(ctx_);
    throw;
  }
}

ServerTls::~ServerTls() { SSL_CTX_free(ctx_); }

SSL_CTX* ServerTls::new_reference() const {
  SSL_CTX_up_ref(ctx_);
  return ctx_;
}

}  // namespace tlsrpt::fakemx::smtp
