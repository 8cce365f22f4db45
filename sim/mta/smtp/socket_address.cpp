#include "sim/mta/smtp/socket_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace tlsrpt::sim {

bool to_socket_address(const std::string& ip, std::uint16_t port, SocketAddress& out) {
  out = SocketAddress{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out.storage);
  if (inet_pton(AF_INET, ip.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    out.size = sizeof(sockaddr_in);
    return true;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
  if (inet_pton(AF_INET6, ip.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    out.size = sizeof(sockaddr_in6);
    return true;
  }
  out = SocketAddress{};
  return false;
}

}  // namespace tlsrpt::sim
