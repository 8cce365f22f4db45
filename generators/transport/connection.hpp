// What the HTTPS and SMTP sides of the report client share (internal; Asio types): the TLS client
// context, connecting with a deadline, naming the TLS server on a stream, and turning an error code
// into Response fields.
#pragma once

#include "generators/transport/asio_coro.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "generators/transport/report_client.hpp"

namespace tlsrpt::gen::transport {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// Verifies the peer against ca_file (or the system store) unless insecure. Throws
// std::invalid_argument when the CA file cannot be loaded.
boost::asio::ssl::context make_client_context(const TlsOptions& tls);

// Resolves (or takes endpoint.address) and connects `stream`, each step within `timeout`.
// Throws boost::system::system_error; a resolver that overran its deadline is beast::error::timeout.
boost::asio::awaitable<void> connect(boost::beast::tcp_stream& stream, const Endpoint& endpoint,
                                     std::chrono::milliseconds timeout);

// "address:port" of the connected peer; the endpoint's own when the peer is already gone (a server
// that resets right after accepting: getpeername then fails, and the next read says "reset").
std::string peer_text(const boost::beast::tcp_stream& stream, const Endpoint& endpoint);

// Before the handshake: SNI (for a DNS name) and, unless insecure, the name the certificate must carry.
void name_tls_server(TlsStream& stream, const std::string& host, bool insecure);

// "TLSv1.3 TLS_AES_256_GCM_SHA384" after a handshake.
std::string tls_summary(TlsStream& stream);

// Fills error, timed_out and connection_reset from a failed step ("connect", "TLS handshake", ...).
// With the TLS stream at hand, a failed verification names the reason OpenSSL gave.
void record_failure(Response& response, std::string_view step, const boost::system::error_code& ec,
                    TlsStream* stream = nullptr);

// Whether an error on a kept-alive connection means the server had closed it before our request.
bool closed_by_peer(const boost::system::error_code& ec);

}  // namespace tlsrpt::gen::transport

namespace boost::asio {
class io_context;
}

namespace tlsrpt::gen::transport {

// Runs one coroutine step to completion on `io` (the synchronous clients' event loop).
Response run_to_completion(boost::asio::io_context& io, boost::asio::awaitable<Response> step);

}  // namespace tlsrpt::gen::transport
