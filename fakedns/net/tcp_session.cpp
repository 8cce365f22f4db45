#include "fakedns/net/tcp_session.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "fakedns/net/tcp_service.hpp"

namespace tlsrpt::fakedns::detail {
namespace asio = boost::asio;
using boost::system::error_code;

TcpSession::TcpSession(TcpService& service, asio::ip::tcp::socket socket)
    : service_(service), socket_(std::move(socket)), deadline_(socket_.get_executor()) {
  ++service_.connections();
}

TcpSession::~TcpSession() { --service_.connections(); }

void TcpSession::arm(std::chrono::milliseconds deadline) {
  deadline_.expires_after(deadline);
  deadline_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (!ec) self->close();
  });
}

void TcpSession::close() {
  error_code ignored;
  deadline_.cancel();
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void TcpSession::read_length() {
  arm(service_.options().tcp_idle_timeout);
  asio::async_read(socket_, asio::buffer(length_), [self = shared_from_this()](const error_code& ec, std::size_t) {
    if (ec) return self->close();
    const std::size_t size = static_cast<std::size_t>(self->length_[0] << 8 | self->length_[1]);
    if (size < 12) return self->close();  // not even a header: nothing sensible to answer
    self->read_message(size);
  });
}

void TcpSession::read_message(std::size_t size) {
  message_.resize(size);
  arm(service_.options().tcp_message_timeout);
  asio::async_read(socket_, asio::buffer(message_), [self = shared_from_this()](const error_code& ec, std::size_t) {
    if (ec) return self->close();
    self->deadline_.cancel();
    self->answer();
  });
}

void TcpSession::answer() {
  Engine::Worker& worker = service_.worker();
  const ResponseInfo info = service_.engine().handle(worker, message_, Transport::tcp);
  if (!info.send) return read_length();  // dropped: the client waits for its own deadline
  reply_.resize(2 + worker.out.size());
  reply_[0] = static_cast<std::uint8_t>(worker.out.size() >> 8);
  reply_[1] = static_cast<std::uint8_t>(worker.out.size());
  std::copy(worker.out.begin(), worker.out.end(), reply_.begin() + 2);
  if (info.delay.count() <= 0) return write();
  deadline_.expires_after(info.delay);
  deadline_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec) return self->close();
    self->write();
  });
}

void TcpSession::write() {
  arm(service_.options().tcp_message_timeout);
  asio::async_write(socket_, asio::buffer(reply_), [self = shared_from_this()](const error_code& ec, std::size_t) {
    if (ec) return self->close();
    self->read_length();
  });
}

}  // namespace tlsrpt::fakedns::detail
