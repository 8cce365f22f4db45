// DNS over TCP (RFC 7766): an acceptor and one session per connection, each read under a deadline,
// a bounded number of connections, queries answered in order.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <thread>

#include "fakedns/engine.hpp"

namespace tlsrpt::fakedns::detail {

class TcpService {
 public:
  TcpService(Engine& engine, const ServerOptions& options, const boost::asio::ip::tcp::endpoint& endpoint);
  ~TcpService();
  std::uint16_t port() const;
  void start();
  void stop();

  Engine& engine() { return engine_; }
  Engine::Worker& worker() { return worker_; }
  const ServerOptions& options() const { return options_; }
  std::atomic<std::size_t>& connections() { return connections_; }

 private:
  void accept();

  Engine& engine_;
  const ServerOptions& options_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  Engine::Worker worker_;
  std::atomic<std::size_t> connections_{0};
  std::thread thread_;
};

}  // namespace tlsrpt::fakedns::detail
