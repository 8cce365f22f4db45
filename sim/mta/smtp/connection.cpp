#include "sim/mta/smtp/connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <openssl/bio.h>
#include <openssl/err.h>

#include "sim/mta/smtp/socket_address.hpp"

namespace tlsrpt::sim::smtp {

// The TLS layer's transport: records OpenSSL writes join the connection's write buffer (its
// flushes are ignored), and a read sends what is buffered before it waits for the peer.
struct BufferedSocketBio {
  static Connection& of(BIO* bio) { return *static_cast<Connection*>(BIO_get_data(bio)); }
  static int write(BIO* bio, const char* data, int size) {
    of(bio).out_.append(data, static_cast<std::size_t>(size));
    return size;
  }
  static int read(BIO* bio, char* buf, int size) {
    BIO_clear_retry_flags(bio);
    return static_cast<int>(of(bio).recv_some(buf, static_cast<std::size_t>(size)));
  }
  static long ctrl(BIO*, int cmd, long, void*) { return cmd == BIO_CTRL_FLUSH ? 1 : 0; }
  static int create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
  }
  static BIO* make(Connection& c) {
    static BIO_METHOD* const method = [] {
      BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "buffered socket");
      BIO_meth_set_write(m, write);
      BIO_meth_set_read(m, read);
      BIO_meth_set_ctrl(m, ctrl);
      BIO_meth_set_create(m, create);
      return m;
    }();
    BIO* bio = BIO_new(method);
    if (bio) BIO_set_data(bio, &c);
    return bio;
  }
};

namespace {

std::string openssl_error() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (!e) return "connection closed during the handshake";
  const char* reason = ERR_reason_error_string(e);
  return reason ? reason : "unknown TLS error";
}

}  // namespace

Connection::~Connection() {
  if (fd_ >= 0 && !out_.empty()) flush();  // e.g. a TLS alert after a failed handshake
  if (ssl_) SSL_free(ssl_);
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::connect(const std::string& source, const std::string& address, std::uint16_t port) {
  SocketAddress peer;
  if (!to_socket_address(address, port, peer)) {
    error_ = "not an IP address: " + address;
    return false;
  }
  fd_ = ::socket(peer.family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error_ = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  if (!source.empty()) {
    SocketAddress local;
    if (!to_socket_address(source, 0, local) || ::bind(fd_, local.get(), local.size) != 0) {
      error_ = "cannot bind source address " + source + ": " + std::strerror(errno);
      return false;
    }
  }
  // A blocking connect bounded by SO_SNDTIMEO (Linux applies the send timeout to connect): three
  // system calls fewer per session than a non-blocking connect, poll and SO_ERROR.
  timeval tv{static_cast<time_t>(timeout_.count() / 1000), static_cast<suseconds_t>((timeout_.count() % 1000) * 1000)};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const int one = 1;  // writes are already coalesced until the next read; never wait for Nagle
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd_, peer.get(), peer.size) != 0) {
    const bool timed_out = errno == EINPROGRESS || errno == EAGAIN || errno == EINTR;
    error_ = "connect to " + address + ": " + (timed_out ? std::string("timed out") : std::strerror(errno));
    return false;
  }
  return true;
}

std::string Connection::peer_ip() const {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (fd_ < 0 || ::getpeername(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return {};
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, buf, sizeof buf);
  else
    ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr, buf, sizeof buf);
  return buf;
}

bool Connection::write_all(const char* data, std::size_t size) {
  if (!ssl_) {
    out_.append(data, size);
    return true;
  }
  while (size > 0) {
    const int n = SSL_write(ssl_, data, static_cast<int>(size));
    if (n <= 0) {
      error_ = "TLS write failed: " + openssl_error();
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool Connection::flush() {
  std::size_t sent = 0;
  while (sent < out_.size()) {
    const long n = ::send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      error_ = std::string("write failed: ") + (n < 0 ? std::strerror(errno) : "connection closed");
      write_failed_ = true;
      out_.clear();
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  out_.clear();
  return true;
}

long Connection::recv_some(char* buf, std::size_t size) {
  if (!flush()) return -1;
  return ::recv(fd_, buf, size, 0);
}

bool Connection::send_line(const std::string& line) { return write_all((line + "\r\n").data(), line.size() + 2); }
bool Connection::send_raw(const std::string& bytes) { return write_all(bytes.data(), bytes.size()); }

bool Connection::read_some() {
  char buf[4096];
  long n = 0;
  if (ssl_) {
    n = SSL_read(ssl_, buf, sizeof buf);
  } else {
    n = recv_some(buf, sizeof buf);
  }
  if (n <= 0) {
    if (write_failed_) return false;  // error_ says which write failed
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      error_ = "timed out waiting for the server";
    else
      error_ = "connection closed by the server";
    return false;
  }
  in_.append(buf, static_cast<std::size_t>(n));
  return true;
}

std::optional<Reply> Connection::read_reply() {
  ReplyReader reader;
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  for (;;) {
    switch (reader.parse(in_)) {
      case ReplyReader::State::good: return reader.take();
      case ReplyReader::State::bad: error_ = reader.error(); return std::nullopt;
      case ReplyReader::State::indeterminate: break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      error_ = "timed out waiting for the server";
      return std::nullopt;
    }
    if (!read_some()) return std::nullopt;
  }
}

bool Connection::receive(std::string& out) {
  if (in_.empty() && !read_some()) return false;
  out += in_;
  in_.clear();
  return true;
}

bool Connection::start_tls(SSL* ssl) {
  ssl_ = ssl;
  in_.clear();  // nothing read before the handshake may be used after it (RFC 3207 §4.2)
  BIO* bio = BufferedSocketBio::make(*this);
  if (!bio) {
    error_ = "cannot set up the TLS transport";
    return false;
  }
  SSL_set_bio(ssl_, bio, bio);
  SSL_set_read_ahead(ssl_, 1);  // whole records (and more) per recv(), not header and body apart
  ERR_clear_error();
  if (SSL_connect(ssl_) != 1) {
    if (!write_failed_) error_ = openssl_error();
    return false;
  }
  return true;
}

}  // namespace tlsrpt::sim::smtp
