#include "fakemx/http/server.hpp"

#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "fakemx/http/session.hpp"
#include "fakemx/http/tls_identities.hpp"

namespace tlsrpt::fakemx::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl {
  ServerConfig config;
  SessionContext ctx;
  TlsIdentities identities;
  std::uint16_t bound_port = 0;
  std::vector<std::thread> threads;
  // Declared last: destroyed first, taking the sessions (which point at ctx) with it.
  asio::io_context io;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> backoff;

  void accept_next() {
    acceptor->async_accept(asio::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
      if (ec) {  // out of descriptors and the like: retry shortly instead of spinning
        backoff->expires_after(std::chrono::milliseconds(50));
        backoff->async_wait([this](boost::system::error_code wait_ec) {
          if (!wait_ec) accept_next();
        });
        return;
      }
      on_accept(std::move(socket));
      accept_next();
    });
  }

  void on_accept(tcp::socket socket) {
    ++ctx.accepted;
    if (ctx.open.load() >= config.limits.max_connections) {
      ++ctx.refused;
      boost::system::error_code ignored;
      socket.close(ignored);
      return;
    }
    boost::system::error_code ec;
    // Responses go out as header and body writes: without this, Nagle holds the body until the
    // client's delayed ACK (40 ms on Linux) of the header.
    socket.set_option(tcp::no_delay(true), ec);
    const auto peer = socket.remote_endpoint(ec);
    std::string remote_ip = ec ? std::string() : peer.address().to_string();
    if (config.tls) {
      std::make_shared<Session<TlsStream>>(ctx, std::move(remote_ip), std::move(socket), identities.base())->run();
    } else {
      std::make_shared<Session<PlainStream>>(ctx, std::move(remote_ip), std::move(socket))->run();
    }
  }
};

Server::Server(ServerConfig config, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->ctx.limits = impl_->config.limits;
  impl_->ctx.handler = std::move(handler);
}

Server::~Server() { stop(); }

void Server::start() {
  Impl& s = *impl_;
  if (s.acceptor) throw std::logic_error("http server already started");
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(s.config.address, ec);
  if (ec) throw std::runtime_error("bad listen address '" + s.config.address + "'");
  const tcp::endpoint endpoint(address, s.config.port);
  s.acceptor.emplace(s.io);
  s.backoff.emplace(s.io);
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    s.acceptor.reset();
    throw std::runtime_error("cannot listen on " + s.config.address + ":" + std::to_string(s.config.port) + ": " +
                             ec.message());
  }
  s.bound_port = s.acceptor->local_endpoint().port();
  s.accept_next();
  const unsigned n = s.config.threads ? s.config.threads : 1;
  for (unsigned i = 0; i < n; ++i) s.threads.emplace_back([&s] { s.io.run(); });
}

void Server::stop() {
  Impl& s = *impl_;
  if (!s.acceptor || s.threads.empty()) return;
  s.io.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  boost::system::error_code ignored;
  s.acceptor->close(ignored);
}

std::uint16_t Server::port() const { return impl_->bound_port; }
const std::string& Server::address() const { return impl_->config.address; }

void Server::set_identity(const std::string& server_name, const TlsIdentity& identity) {
  impl_->identities.set(server_name, identity);
}

ServerStats Server::stats() const {
  const SessionContext& c = impl_->ctx;
  return {c.accepted.load(), c.refused.load(), c.open.load(), c.requests.load(), c.rejected.load()};
}

}  // namespace tlsrpt::fakemx::http
