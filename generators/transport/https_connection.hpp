// One kept-alive HTTPS connection as coroutine steps (internal). HttpsClient runs them on its own
// io_context; `load`'s HTTPS workers co_await them directly, many connections per thread.
#pragma once

#include "generators/transport/asio_coro.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "generators/transport/connection.hpp"
#include "generators/transport/report_client.hpp"

namespace tlsrpt::gen::transport {

constexpr std::size_t kDefaultMaxBody = 64 * 1024;

class HttpsConnection {
 public:
  // `tls` (from make_client_context) must outlive the connection. Without `keep_transcript` the
  // Response's transcript stays empty (the load driver's hot path).
  HttpsConnection(boost::asio::any_io_executor executor, boost::asio::ssl::context& tls, Endpoint endpoint,
                  bool insecure, std::chrono::milliseconds timeout, bool keep_transcript = true);
  ~HttpsConnection();
  HttpsConnection(const HttpsConnection&) = delete;
  HttpsConnection& operator=(const HttpsConnection&) = delete;

  boost::asio::awaitable<Response> post(std::string body, std::string_view content_type);
  boost::asio::awaitable<Response> get(std::string_view target);
  void close();
  void set_max_body(std::size_t bytes) { max_body_ = bytes; }
  bool connected() const { return stream_.has_value(); }

 private:
  enum class Method { get, post };
  boost::asio::awaitable<Response> exchange(Method method, std::string_view target, std::string body,
                                            std::string_view content_type);
  boost::asio::awaitable<void> open(Response& r, std::string_view& step);
  boost::asio::awaitable<void> read_response(Response& r, bool& started);

  boost::asio::any_io_executor executor_;
  boost::asio::ssl::context& tls_;
  Endpoint endpoint_;
  bool insecure_;
  std::chrono::milliseconds timeout_;
  bool keep_transcript_;
  std::size_t max_body_ = kDefaultMaxBody;
  std::string host_header_;
  std::optional<TlsStream> stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace tlsrpt::gen::transport
