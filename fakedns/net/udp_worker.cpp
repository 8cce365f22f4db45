#include "fakedns/net/udp_worker.hpp"

#include <boost/asio/socket_base.hpp>
#include <sys/socket.h>

#include <memory>
#include <vector>

namespace tlsrpt::fakedns::detail {
namespace asio = boost::asio;
using asio::ip::udp;

namespace {
constexpr int max_delayed = 10000;  // answers held back by the delay fault, per worker
}

UdpWorker::UdpWorker(Engine& engine, const udp::endpoint& endpoint)
    : engine_(engine), socket_(io_), worker_(engine.make_worker()) {
  socket_.open(endpoint.protocol());
  const int one = 1;
  ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  socket_.set_option(asio::socket_base::receive_buffer_size(4 << 20));
  boost::system::error_code ec;
  socket_.bind(endpoint, ec);
  if (ec) throw std::runtime_error("cannot bind UDP " + endpoint.address().to_string() + ":" +
                                   std::to_string(endpoint.port()) + ": " + ec.message());
  socket_.non_blocking(true);
}

UdpWorker::~UdpWorker() { stop(); }

std::uint16_t UdpWorker::port() const { return socket_.local_endpoint().port(); }

void UdpWorker::start() {
  wait();
  thread_ = std::thread([this] { io_.run(); });
}

void UdpWorker::stop() {
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

void UdpWorker::wait() {
  socket_.async_wait(udp::socket::wait_read, [this](const boost::system::error_code& ec) {
    if (ec == asio::error::operation_aborted) return;
    drain();
    wait();
  });
}

void UdpWorker::drain() {
  udp::endpoint peer;
  for (int i = 0; i < 256; ++i) {  // bounded, so timers on this thread still get their turn
    boost::system::error_code ec;
    const std::size_t n = socket_.receive_from(asio::buffer(buffer_), peer, 0, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return;
    if (ec) continue;  // e.g. ICMP-reported errors from an earlier send: keep serving
    const ResponseInfo info = engine_.handle(worker_, {buffer_.data(), n}, Transport::udp);
    if (!info.send) continue;
    if (info.delay.count() > 0) {
      send_later(info.delay, peer);
      continue;
    }
    socket_.send_to(asio::buffer(worker_.out), peer, 0, ec);  // a full send buffer drops, like UDP does
  }
}

void UdpWorker::send_later(std::chrono::milliseconds delay, const udp::endpoint& peer) {
  if (delayed_.load() >= max_delayed) return;
  ++delayed_;
  auto timer = std::make_shared<asio::steady_timer>(io_, delay);
  auto data = std::make_shared<std::vector<std::uint8_t>>(worker_.out);
  timer->async_wait([this, timer, data, peer](const boost::system::error_code& ec) {
    --delayed_;
    if (ec) return;
    boost::system::error_code ignored;
    socket_.send_to(asio::buffer(*data), peer, 0, ignored);
  });
}

}  // namespace tlsrpt::fakedns::detail
