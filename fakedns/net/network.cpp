#include "fakedns/net/network.hpp"

#include <boost/asio/ip/address.hpp>

#include <vector>

#include "fakedns/net/tcp_service.hpp"
#include "fakedns/net/udp_worker.hpp"

namespace tlsrpt::fakedns::detail {
namespace asio = boost::asio;

struct Network::Impl {
  std::vector<std::unique_ptr<UdpWorker>> udp;
  std::unique_ptr<TcpService> tcp;
  std::uint16_t port = 0;
};

Network::Network(Engine& engine, const ServerOptions& options) : impl_(std::make_unique<Impl>()) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) throw std::runtime_error("invalid listen address '" + options.address + "'");
  // The first UDP socket picks the port when asked for 0; TCP and the other UDP sockets share it.
  impl_->udp.push_back(std::make_unique<UdpWorker>(engine, asio::ip::udp::endpoint(address, options.port)));
  impl_->port = impl_->udp.front()->port();
  impl_->tcp = std::make_unique<TcpService>(engine, options, asio::ip::tcp::endpoint(address, impl_->port));
  for (unsigned i = 1; i < std::max(1u, options.udp_threads); ++i)
    impl_->udp.push_back(std::make_unique<UdpWorker>(engine, asio::ip::udp::endpoint(address, impl_->port)));
  for (auto& worker : impl_->udp) worker->start();
  impl_->tcp->start();
}

Network::~Network() {
  impl_->tcp->stop();
  for (auto& worker : impl_->udp) worker->stop();
}

std::uint16_t Network::port() const { return impl_->port; }

}  // namespace tlsrpt::fakedns::detail
