#include "generators/transport/connection.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <stdexcept>

namespace tlsrpt::gen::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using boost::system::error_code;

asio::ssl::context make_client_context(const TlsOptions& tls) {
  asio::ssl::context context(asio::ssl::context::tls_client);
  if (tls.insecure) {
    context.set_verify_mode(asio::ssl::verify_none);
    return context;
  }
  context.set_verify_mode(asio::ssl::verify_peer);
  error_code ec;
  if (tls.ca_file.empty()) {
    context.set_default_verify_paths(ec);
  } else {
    context.load_verify_file(tls.ca_file, ec);
    if (ec) throw std::invalid_argument("cannot load the CA file " + tls.ca_file + ": " + ec.message());
  }
  return context;
}

asio::awaitable<void> connect(beast::tcp_stream& stream, const Endpoint& endpoint, std::chrono::milliseconds timeout) {
  const std::string& host = endpoint.address.empty() ? endpoint.host : endpoint.address;
  error_code not_literal;
  const auto literal = asio::ip::make_address(host, not_literal);
  if (!not_literal) {
    stream.expires_after(timeout);
    co_await stream.async_connect(tcp::endpoint(literal, endpoint.port), asio::use_awaitable);
    co_return;
  }
  // The resolver has no deadline of its own: a timer cancels it. The state is shared with the
  // timer's handler, which may run after this frame has moved on.
  struct Race {
    explicit Race(const asio::any_io_executor& ex) : resolver(ex) {}
    tcp::resolver resolver;
    bool expired = false;
  };
  auto ex = co_await asio::this_coro::executor;
  auto race = std::make_shared<Race>(ex);
  asio::steady_timer timer(ex, timeout);
  timer.async_wait([race](const error_code& ec) {
    if (ec) return;
    race->expired = true;
    race->resolver.cancel();
  });
  tcp::resolver::results_type results;
  try {
    results = co_await race->resolver.async_resolve(host, std::to_string(endpoint.port), asio::use_awaitable);
  } catch (const boost::system::system_error&) {
    if (race->expired) throw boost::system::system_error(beast::error::timeout);
    throw;
  }
  timer.cancel();
  stream.expires_after(timeout);
  co_await stream.async_connect(results, asio::use_awaitable);
}

void name_tls_server(TlsStream& stream, const std::string& host, bool insecure) {
  SSL* ssl = stream.native_handle();
  error_code not_literal;
  asio::ip::make_address(host, not_literal);
  const bool dns_name = static_cast<bool>(not_literal);
  if (dns_name)  // SSL_set_tlsext_host_name, without its C cast; RFC 6066 allows no IP literal here
    SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));
  if (insecure) return;
  if (dns_name) {
    SSL_set1_host(ssl, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
  }
}

std::string tls_summary(TlsStream& stream) {
  SSL* ssl = stream.native_handle();
  const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
  return std::string(SSL_get_version(ssl)) + " " + (cipher ? SSL_CIPHER_get_name(cipher) : "?");
}

std::string peer_text(const beast::tcp_stream& stream, const Endpoint& endpoint) {
  error_code ec;
  const auto peer = stream.socket().remote_endpoint(ec);
  if (ec) return (endpoint.address.empty() ? endpoint.host : endpoint.address) + ":" + std::to_string(endpoint.port);
  return peer.address().to_string() + ":" + std::to_string(peer.port());
}

namespace {

std::string plain_words(const error_code& ec, TlsStream* stream) {
  if (ec == beast::error::timeout || ec == asio::error::timed_out) return "no progress within the deadline";
  if (ec == asio::error::eof || ec == beast::http::error::end_of_stream) return "the server closed the connection";
  if (ec == asio::ssl::error::stream_truncated) return "the server closed the connection (no TLS close_notify)";
  if (ec == asio::error::connection_refused) return "connection refused";
  if (ec == asio::error::connection_reset) return "connection reset by the server";
  if (stream && ec.category() == asio::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
    const long result = SSL_get_verify_result(stream->native_handle());
    return std::string("certificate verify failed: ") + X509_verify_cert_error_string(result);
  }
  return ec.message();
}

}  // namespace

void record_failure(Response& response, std::string_view step, const error_code& ec, TlsStream* stream) {
  response.timed_out = ec == beast::error::timeout || ec == asio::error::timed_out;
  response.connection_reset = ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
  response.error = std::string(step) + ": " + plain_words(ec, stream);
}

bool closed_by_peer(const error_code& ec) {
  return ec == asio::error::eof || ec == beast::http::error::end_of_stream || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated;
}

Response run_to_completion(asio::io_context& io, asio::awaitable<Response> step) {
  std::exception_ptr failure;
  Response response;
  asio::co_spawn(io, std::move(step), [&](std::exception_ptr e, Response r) {
    failure = e;
    response = std::move(r);
  });
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
  return response;
}

}  // namespace tlsrpt::gen::transport
