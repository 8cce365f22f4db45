// One UDP socket and the thread that serves it: wait until readable, then drain every datagram
// queued without blocking, answering each from the engine.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <atomic>
#include <thread>

#include "fakedns/engine.hpp"

namespace tlsrpt::fakedns::detail {

class UdpWorker {
 public:
  // Binds with SO_REUSEPORT so that several workers share one address and port.
  UdpWorker(Engine& engine, const boost::asio::ip::udp::endpoint& endpoint);
  ~UdpWorker();
  std::uint16_t port() const;
  void start();
  void stop();

 private:
  void wait();
  void drain();
  void send_later(std::chrono::milliseconds delay, const boost::asio::ip::udp::endpoint& peer);

  Engine& engine_;
  boost::asio::io_context io_;
  boost::asio::ip::udp::socket socket_;
  Engine::Worker worker_;
  std::array<std::uint8_t, 65536> buffer_{};
  std::atomic<int> delayed_{0};
  std::thread thread_;
};

}  // namespace tlsrpt::fakedns::detail
