// One DNS-over-TCP connection: read a length prefix (idle deadline), read the message (message
// deadline), answer, repeat. Any error or deadline closes the connection; nothing else is shared.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <memory>
#include <vector>

namespace tlsrpt::fakedns::detail {

class TcpService;

class TcpSession : public std::enable_shared_from_this<TcpSession> {
 public:
  TcpSession(TcpService& service, boost::asio::ip::tcp::socket socket);
  ~TcpSession();
  void start() { read_length(); }

 private:
  void read_length();
  void read_message(std::size_t size);
  void answer();
  void write();
  void arm(std::chrono::milliseconds deadline);
  void close();

  TcpService& service_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer deadline_;
  std::array<std::uint8_t, 2> length_{};
  std::vector<std::uint8_t> message_;
  std::vector<std::uint8_t> reply_;
};

}  // namespace tlsrpt::fakedns::detail
