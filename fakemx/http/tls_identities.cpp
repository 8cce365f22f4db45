#include "fakemx/http/tls_identities.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <boost/asio/buffer.hpp>
#include <openssl/ssl.h>

namespace tlsrpt::fakemx::http {

namespace ssl = boost::asio::ssl;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void harden(ssl::context& ctx) {
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
}

}  // namespace

TlsIdentities::TlsIdentities() : base_(ssl::context::tls_server) {
  harden(base_);
  // The macro form of this call uses an old-style cast.
  SSL_CTX_callback_ctrl(base_.native_handle(), SSL_CTRL_SET_TLSEXT_SERVERNAME_CB,
                        reinterpret_cast<void (*)()>(&TlsIdentities::on_servername));
  SSL_CTX_set_tlsext_servername_arg(base_.native_handle(), this);
}

void TlsIdentities::set(const std::string& server_name, const TlsIdentity& identity) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  harden(*ctx);
  try {
    ctx->use_certificate_chain(boost::asio::buffer(identity.chain_pem));
    ctx->use_private_key(boost::asio::buffer(identity.key_pem), ssl::context::pem);
  } catch (const std::exception& e) {
    throw std::invalid_argument("TLS identity for '" + server_name + "' does not load: " + e.what());
  }
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
    throw std::invalid_argument("TLS identity for '" + server_name + "': key does not match the certificate");
  std::lock_guard lock(mutex_);
  by_name_[lower(server_name)] = ctx;
  if (!first_) first_ = ctx;
}

std::shared_ptr<ssl::context> TlsIdentities::pick(const std::string& name) const {
  std::lock_guard lock(mutex_);
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  if (auto it = by_name_.find(""); it != by_name_.end()) return it->second;
  return first_;
}

int TlsIdentities::on_servername(SSL* ssl_handle, int* alert, void* arg) {
  const auto* self = static_cast<const TlsIdentities*>(arg);
  const char* name = SSL_get_servername(ssl_handle, TLSEXT_NAMETYPE_host_name);
  const auto ctx = self->pick(name ? lower(name) : std::string());
  if (!ctx) {
    *alert = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  // SSL_set_SSL_CTX takes its own reference, so a later set() cannot pull it away mid-session.
  SSL_set_SSL_CTX(ssl_handle, ctx->native_handle());
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace tlsrpt::fakemx::http
