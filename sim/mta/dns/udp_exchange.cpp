#include "sim/mta/dns/udp_exchange.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sim/mta/smtp/socket_address.hpp"

namespace tlsrpt::sim::dns {
namespace {

constexpr std::size_t kMaxIdleSockets = 64;
constexpr std::size_t kMaxReply = 65535;

}  // namespace

UdpExchange::UdpExchange(const std::string& server, std::uint16_t port, const std::string& source)
    : server_text_(server) {
  SocketAddress address;
  if (!to_socket_address(server, port, address)) throw std::invalid_argument("resolver: bad server address " + server);
  server_ = address.storage;
  server_len_ = address.size;
  if (!source.empty()) {
    if (!to_socket_address(source, 0, address)) throw std::invalid_argument("resolver: bad source address " + source);
    source_ = address.storage;
    source_len_ = address.size;
  }
}

UdpExchange::~UdpExchange() {
  for (int fd : idle_) ::close(fd);
}

int UdpExchange::take_socket(std::string& error) {
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      const int fd = idle_.back();
      idle_.pop_back();
      return fd;
    }
  }
  const int fd = ::socket(server_.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  const bool bound = source_len_ == 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&source_), source_len_) == 0;
  if (!bound || ::connect(fd, reinterpret_cast<const sockaddr*>(&server_), server_len_) != 0) {
    error = std::string(bound ? "connect: " : "cannot bind the source address: ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

void UdpExchange::give_back(int fd) {
  // A reply that came after its query gave up must not be read as the next query's: drain it.
  char stale[512];
  while (::recv(fd, stale, sizeof stale, MSG_DONTWAIT) >= 0) {
  }
  const std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdleSockets) {
    idle_.push_back(fd);
    return;
  }
  ::close(fd);
}

int UdpExchange::attempt(int fd, std::span<const std::uint8_t> query, std::chrono::milliseconds timeout,
                         std::vector<std::uint8_t>& reply) {
  if (::send(fd, query.data(), query.size(), 0) != static_cast<ssize_t>(query.size())) return -1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return 0;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0 ? 0 : -1;
    std::uint8_t buffer[kMaxReply];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return -1;  // e.g. ECONNREFUSED: nobody listens there
    }
    if (n >= 2 && buffer[0] == query[0] && buffer[1] == query[1]) {
      reply.assign(buffer, buffer + n);
      return 1;
    }
    // Another ID (a late reply to an earlier query, or a forged one): keep waiting.
  }
}

std::optional<std::vector<std::uint8_t>> UdpExchange::exchange(std::span<const std::uint8_t> query,
                                                               std::chrono::milliseconds timeout, int attempts,
                                                               std::string& error) {
  if (query.size() < 2) {
    error = "query too short";
    return std::nullopt;
  }
  int fd = take_socket(error);
  if (fd < 0) return std::nullopt;
  std::vector<std::uint8_t> reply;
  std::string socket_error;  // the last one, e.g. "Connection refused" when nobody listens there
  for (int i = 0; i < std::max(1, attempts); ++i) {
    const int got = attempt(fd, query, timeout, reply);
    if (got == 1) {
      give_back(fd);
      return reply;
    }
    if (got < 0) {  // the socket reported an error: a fresh one for the next attempt
      socket_error = std::strerror(errno);
      ::close(fd);
      fd = take_socket(error);
      if (fd < 0) return std::nullopt;
    }
  }
  give_back(fd);
  error = socket_error.empty() ? "timeout (no reply from " + server_text_ + ")"
                               : "no reply from " + server_text_ + ": " + socket_error;
  return std::nullopt;
}

}  // namespace tlsrpt::sim::dns
