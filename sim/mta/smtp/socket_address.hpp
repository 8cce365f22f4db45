// An IP address in text and a port as a socket address, for the sender's own sockets (the SMTP
// and HTTPS client connection, the resolver's UDP exchange).
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>

namespace tlsrpt::sim {

struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t size = 0;
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
  int family() const { return storage.ss_family; }
};

// IPv4 or IPv6 text ("127.0.0.1", "::1"); false when it is neither.
bool to_socket_address(const std::string& ip, std::uint16_t port, SocketAddress& out);

}  // namespace tlsrpt::sim
