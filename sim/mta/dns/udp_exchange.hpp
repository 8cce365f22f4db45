// DNS over UDP to the resolver's one server: connected sockets bound to the sender's address,
// kept for the next query instead of a new socket (socket, bind, close) per query, one socket per
// query in flight so concurrent sessions never wait for each other.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tlsrpt::sim::dns {

class UdpExchange {
 public:
  // Throws std::invalid_argument when server or source (may be empty) is not an IP address.
  UdpExchange(const std::string& server, std::uint16_t port, const std::string& source);
  ~UdpExchange();
  UdpExchange(const UdpExchange&) = delete;
  UdpExchange& operator=(const UdpExchange&) = delete;

  // Sends `query` (a DNS message, ID in its first two bytes) up to `attempts` times, each waiting
  // up to `timeout` for a reply with the same ID; replies with another ID are dropped. The reply,
  // or nullopt with `error` set.
  std::optional<std::vector<std::uint8_t>> exchange(std::span<const std::uint8_t> query,
                                                    std::chrono::milliseconds timeout, int attempts,
                                                    std::string& error);

 private:
  int take_socket(std::string& error);
  void give_back(int fd);
  // One send and the wait for its reply: 1 got it, 0 no reply in time, -1 socket error.
  int attempt(int fd, std::span<const std::uint8_t> query, std::chrono::milliseconds timeout,
              std::vector<std::uint8_t>& reply);

  std::string server_text_;
  sockaddr_storage server_{};
  socklen_t server_len_ = 0;
  sockaddr_storage source_{};
  socklen_t source_len_ = 0;  // 0: any source address
  std::mutex mutex_;
  std::vector<int> idle_;  // connected sockets no query is using
};

}  // namespace tlsrpt::sim::dns
