// One connection of the HTTP(S) listener (server internals only): TLS handshake, then requests
// in a keep-alive loop, each read, handled and written under its own deadline. Errors go through
// classify_error(); handler exceptions become 500.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "fakemx/http/beast_convert.hpp"
#include "fakemx/http/error_policy.hpp"
#include "fakemx/http/limits.hpp"
#include "fakemx/http/message.hpp"

namespace tlsrpt::fakemx::http {

// What every session shares with its listener.
struct SessionContext {
  Limits limits;
  Handler handler;
  std::atomic<std::uint64_t> open{0}, accepted{0}, refused{0}, requests{0}, rejected{0};
};

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool is_tls = std::is_same_v<Stream, TlsStream>;

 public:
  template <class... Args>
  Session(SessionContext& ctx, std::string remote_ip, Args&&... stream_args)
      : ctx_(ctx), stream_(std::forward<Args>(stream_args)...), remote_ip_(std::move(remote_ip)) {
    ++ctx_.open;
  }
  ~Session() { --ctx_.open; }

  void run() {
    if constexpr (is_tls) {
      lowest().expires_after(ctx_.limits.handshake_timeout);
      stream_.async_handshake(boost::asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](boost::system::error_code ec) {
                                self->on_handshake(ec);
                              });
    } else {
      read_request();
    }
  }

 private:
  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }

  void on_handshake(boost::system::error_code ec) {
    if (ec) return close_now();
    handshaken_ = true;
    if constexpr (is_tls) {
      const char* name = SSL_get_servername(stream_.native_handle(), TLSEXT_NAMETYPE_host_name);
      sni_ = name ? name : "";
    }
    read_request();
  }

  void read_request() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(ctx_.limits.header_limit));
    parser_->body_limit(ctx_.limits.body_limit);
    lowest().expires_after(ctx_.limits.request_timeout);
    boost::beast::http::async_read(stream_, buffer_, *parser_,
                                   [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
                                     self->on_read(ec);
                                   });
  }

  void on_read(boost::system::error_code ec) {
    if (ec) return on_error(ec);
    ++ctx_.requests;
    ++served_;
    const unsigned version = parser_->get().version();
    const bool client_keeps = parser_->get().keep_alive();
    Request request = from_beast(parser_->release());
    request.remote_ip = remote_ip_;
    request.sni = sni_;
    request.tls = is_tls;
    Response response;
    try {
      response = ctx_.handler(request);
    } catch (const std::exception& e) {
      response = Response::text(500, std::string("internal error: ") + e.what() + "\n");
      response.keep_alive = false;
    }
    if (response.disposition == Disposition::close) return close_now();
    if (response.disposition == Disposition::hang) return hang();
    const bool keep = client_keeps && response.keep_alive && served_ < ctx_.limits.max_requests_per_connection;
    write(to_beast(std::move(response), version, keep));
  }

  void on_error(boost::system::error_code ec) {
    const ErrorVerdict verdict = classify_error(ec);
    if (verdict.status == 0) return close_now();
    ++ctx_.rejected;
    Response response = Response::text(verdict.status, std::string(verdict.reason) + "\n");
    rejecting_ = true;
    write(to_beast(std::move(response), 11, false));
  }

  void write(BeastResponse response) {
    response_ = std::move(response);
    lowest().expires_after(ctx_.limits.write_timeout);
    boost::beast::http::async_write(stream_, response_,
                                    [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
                                      self->on_write(ec);
                                    });
  }

  void on_write(boost::system::error_code ec) {
    if (ec) return close_now();
    if (rejecting_) return linger_close();
    if (!response_.keep_alive()) return close_gracefully();
    read_request();
  }

  // Accepts the request and never answers; notices the client leaving; gives up at the deadline.
  void hang() {
    lowest().expires_after(ctx_.limits.hang_timeout);
    drain();
  }
  void drain() {
    stream_.async_read_some(boost::asio::buffer(scratch_),
                            [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
                              if (ec) return self->close_now();
                              self->drain();
                            });
  }

  void close_gracefully() {
    if constexpr (is_tls) {
      if (handshaken_) {
        lowest().expires_after(std::chrono::seconds(2));
        stream_.async_shutdown([self = this->shared_from_this()](boost::system::error_code) { self->close_now(); });
        return;
      }
    } else {
      boost::system::error_code ignored;
      lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    }
    close_now();
  }

  // After rejecting a request whose body is still arriving: stop sending, then read and discard
  // for a short while, so the client sees our answer instead of a reset (RFC 9112 §9.6).
  void linger_close() {
    boost::system::error_code ignored;
    lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    lowest().expires_after(std::chrono::seconds(2));
    linger_drain();
  }
  void linger_drain() {
    lowest().async_read_some(boost::asio::buffer(scratch_),
                             [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
                               if (ec) return self->close_now();
                               self->linger_drain();
                             });
  }

  void close_now() {
    boost::system::error_code ignored;
    lowest().socket().close(ignored);
  }

  SessionContext& ctx_;
  Stream stream_;
  std::string remote_ip_;
  std::string sni_;
  bool handshaken_ = false;
  bool rejecting_ = false;
  std::size_t served_ = 0;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  BeastResponse response_;
  char scratch_[4096];
};

}  // namespace tlsrpt::fakemx::http
