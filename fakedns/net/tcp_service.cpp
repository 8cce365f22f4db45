#include "fakedns/net/tcp_service.hpp"

#include <boost/asio/socket_base.hpp>

#include "fakedns/net/tcp_session.hpp"

namespace tlsrpt::fakedns::detail {
namespace asio = boost::asio;
using asio::ip::tcp;

TcpService::TcpService(Engine& engine, const ServerOptions& options, const tcp::endpoint& endpoint)
    : engine_(engine), options_(options), acceptor_(io_), retry_timer_(io_), worker_(engine.make_worker()) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on TCP " + endpoint.address().to_string() + ":" +
                                   std::to_string(endpoint.port()) + ": " + ec.message());
}

TcpService::~TcpService() { stop(); }

std::uint16_t TcpService::port() const { return acceptor_.local_endpoint().port(); }

void TcpService::start() {
  accept();
  thread_ = std::thread([this] { io_.run(); });
}

void TcpService::stop() {
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

void TcpService::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors or similar: back off briefly instead of spinning.
      retry_timer_.expires_after(std::chrono::milliseconds(50));
      retry_timer_.async_wait([this](const boost::system::error_code& e) {
        if (!e) accept();
      });
      return;
    }
    if (connections_.load() >= options_.max_tcp_connections) {
      boost::system::error_code ignored;
      socket.close(ignored);  // over the limit: closed at once
    } else {
      std::make_shared<TcpSession>(*this, std::move(socket))->start();
    }
    accept();
  });
}

}  // namespace tlsrpt::fakedns::detail
