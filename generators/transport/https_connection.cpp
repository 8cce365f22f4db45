// HTTP/1.1 over TLS with Beast: keep-alive, a deadline on every step, one reconnect when the
// server had closed the idle connection, the response body kept up to a cap (64 KiB by default).
#include "generators/transport/https_connection.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

namespace tlsrpt::gen::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

std::string host_header_for(const Endpoint& e) {
  const bool v6 = e.host.find(':') != std::string::npos;
  return (v6 ? "[" + e.host + "]" : e.host) + ":" + std::to_string(e.port);
}

template <typename Fields>
void append_fields(std::string& out, const char* prefix, const Fields& fields) {
  for (const auto& f : fields) {
    out += prefix;
    out.append(f.name_string().data(), f.name_string().size());
    out += ": ";
    out.append(f.value().data(), f.value().size());
    out += '\n';
  }
}

}  // namespace

HttpsConnection::HttpsConnection(asio::any_io_executor executor, asio::ssl::context& tls, Endpoint endpoint,
                                 bool insecure, std::chrono::milliseconds timeout, bool keep_transcript)
    : executor_(std::move(executor)),
      tls_(tls),
      endpoint_(std::move(endpoint)),
      insecure_(insecure),
      timeout_(timeout),
      keep_transcript_(keep_transcript),
      host_header_(host_header_for(endpoint_)) {}

HttpsConnection::~HttpsConnection() { close(); }

void HttpsConnection::close() {
  if (!stream_) return;
  boost::system::error_code ignored;
  auto& socket = beast::get_lowest_layer(*stream_).socket();
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  stream_.reset();
  buffer_.clear();
}

asio::awaitable<Response> HttpsConnection::post(std::string body, std::string_view content_type) {
  return exchange(Method::post, endpoint_.path, std::move(body), content_type);
}

asio::awaitable<Response> HttpsConnection::get(std::string_view target) {
  return exchange(Method::get, target, {}, {});
}

asio::awaitable<void> HttpsConnection::open(Response& r, std::string_view& step) {
  stream_.emplace(executor_, tls_);
  buffer_.clear();
  auto& tcp = beast::get_lowest_layer(*stream_);
  step = "connect";
  co_await connect(tcp, endpoint_, timeout_);
  step = "TLS handshake";
  name_tls_server(*stream_, endpoint_.host, insecure_);
  tcp.expires_after(timeout_);
  co_await stream_->async_handshake(asio::ssl::stream_base::client, use_awaitable);
  if (keep_transcript_) {
    r.transcript += "* connected to " + peer_text(tcp, endpoint_) + ", " +
                    tls_summary(*stream_) +
                    (insecure_ ? ", certificate not verified\n" : ", certificate verified for " + endpoint_.host + "\n");
  }
}

asio::awaitable<void> HttpsConnection::read_response(Response& r, bool& started) {
  http::response_parser<http::buffer_body> parser;
  // The cap below keeps what is stored bounded. (Not boost::none: Beast 1.74 compares the
  // Content-Length against the empty optional and rejects every body.)
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  auto& tcp = beast::get_lowest_layer(*stream_);
  tcp.expires_after(timeout_);
  co_await http::async_read_header(*stream_, buffer_, parser, use_awaitable);
  started = true;
  const auto& head = parser.get();
  r.status = static_cast<int>(head.result_int());
  r.reason = std::string(head.reason());
  if (keep_transcript_) {
    r.transcript += "< HTTP/1.1 " + std::to_string(r.status) + " " + r.reason + "\n";
    append_fields(r.transcript, "< ", head.base());
  }
  std::array<char, 16 * 1024> chunk;
  while (!parser.is_done() && r.body.size() < max_body_) {
    const std::size_t room = std::min(chunk.size(), max_body_ - r.body.size());
    parser.get().body().data = chunk.data();
    parser.get().body().size = room;
    boost::system::error_code ec;
    tcp.expires_after(timeout_);
    co_await http::async_read(*stream_, buffer_, parser, asio::redirect_error(use_awaitable, ec));
    r.body.append(chunk.data(), room - parser.get().body().size);
    if (ec && ec != http::error::need_buffer) throw boost::system::system_error(ec);
  }
  if (keep_transcript_) r.transcript += "< (" + std::to_string(r.body.size()) + " bytes of body)\n";
  if (!parser.is_done()) {
    r.body_truncated = true;  // the rest is not read: the connection cannot be reused
    if (keep_transcript_)
      r.transcript += "* body longer than " + std::to_string(max_body_) + " bytes: kept that much, closed the connection\n";
    close();
  } else if (!parser.get().keep_alive()) {
    if (keep_transcript_) r.transcript += "* the server closes the connection\n";
    close();
  }
}

asio::awaitable<Response> HttpsConnection::exchange(Method method, std::string_view target, std::string body,
                                                    std::string_view content_type) {
  const auto t0 = Clock::now();
  Response r;
  http::request<http::string_body> req{method == Method::post ? http::verb::post : http::verb::get,
                                       beast::string_view(target.data(), target.size()), 11};
  req.set(http::field::host, host_header_);
  req.set(http::field::user_agent, "tlsrpt-lab");
  if (method == Method::post) {
    req.set(http::field::content_type, beast::string_view(content_type.data(), content_type.size()));
    req.body() = std::move(body);
  }
  req.keep_alive(true);
  req.prepare_payload();
  if (keep_transcript_) {
    r.transcript += "> " + std::string(req.method_string()) + " " + std::string(target) + " HTTP/1.1\n";
    append_fields(r.transcript, "> ", req.base());
    if (method == Method::post) r.transcript += "> (" + std::to_string(req.body().size()) + " bytes of body)\n";
  }
  for (int attempt = 0;; ++attempt) {
    const bool reused = stream_.has_value();
    std::string_view step = "connect";
    bool started = false;
    try {
      if (!stream_) co_await open(r, step);
      step = "write request";
      beast::get_lowest_layer(*stream_).expires_after(timeout_);
      co_await http::async_write(*stream_, req, use_awaitable);
      step = "read response";
      co_await read_response(r, started);
      break;
    } catch (const boost::system::system_error& e) {
      if (reused && attempt == 0 && !started && buffer_.size() == 0 && closed_by_peer(e.code())) {
        if (keep_transcript_) r.transcript += "* the server had closed the kept-alive connection; reconnecting\n";
        close();
        continue;
      }
      record_failure(r, step, e.code(), stream_ ? &*stream_ : nullptr);
      if (keep_transcript_) r.transcript += "* " + r.error + "\n";
      r.status = started ? r.status : 0;
      close();
      break;
    }
  }
  r.latency = Clock::now() - t0;
  co_return r;
}

}  // namespace tlsrpt::gen::transport
