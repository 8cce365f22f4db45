#include "fakedns/control/http_control.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <thread>

namespace tlsrpt::fakedns::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr std::size_t max_body = 64 * 1024;
constexpr std::size_t max_sessions = 64;
constexpr auto deadline = std::chrono::seconds(10);

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server& server, tcp::socket socket, std::atomic<std::size_t>& count)
      : server_(server), stream_(std::move(socket)), count_(count) {
    ++count_;
  }
  ~Session() { --count_; }

  void start() {
    parser_.body_limit(max_body);
    stream_.expires_after(deadline);
    http::async_read(stream_, buffer_, parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->reply(ec == http::error::body_limit ? 413 : 400, R"({"error":"bad request"})");
      const auto& req = self->parser_.get();
      const ControlReply r = handle_control(self->server_, std::string(req.method_string()),
                                            std::string(req.target()), req.body());
      self->reply(r.status, r.body);
    });
  }

 private:
  void reply(int status, const std::string& body) {
    response_.result(static_cast<unsigned>(status));
    response_.version(11);
    response_.set(http::field::content_type, "application/json");
    response_.keep_alive(false);
    response_.body() = body;
    response_.prepare_payload();
    stream_.expires_after(deadline);
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code, std::size_t) {
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    });
  }

  Server& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_{8192};
  http::request_parser<http::string_body> parser_;
  http::response<http::string_body> response_;
  std::atomic<std::size_t>& count_;
};

}  // namespace

struct HttpControl::Impl {
  Impl(Server& s) : server(s), acceptor(io), retry(io) {}
  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (ec) {
        retry.expires_after(std::chrono::milliseconds(50));
        retry.async_wait([this](beast::error_code e) {
          if (!e) accept();
        });
        return;
      }
      if (sessions.load() < max_sessions) std::make_shared<Session>(server, std::move(socket), sessions)->start();
      accept();
    });
  }
  Server& server;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
  std::atomic<std::size_t> sessions{0};
  std::thread thread;
};

HttpControl::HttpControl(Server& server, const std::string& address, std::uint16_t port)
    : impl_(std::make_unique<Impl>(server)) {
  beast::error_code ec;
  const tcp::endpoint endpoint(asio::ip::make_address(address, ec), port);
  if (!ec) impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen for control on " + address + ":" + std::to_string(port) + ": " +
                                   ec.message());
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

HttpControl::~HttpControl() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t HttpControl::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace tlsrpt::fakedns::detail
