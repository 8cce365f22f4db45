#include "conformance/run/raw_https.hpp"

#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <thread>

namespace tlsrpt::conformance {
namespace {

using Clock = std::chrono::steady_clock;

struct SslCtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslFree {
  void operator()(SSL* s) const { SSL_free(s); }
};
struct Fd {
  int value = -1;
  ~Fd() {
    if (value >= 0) ::close(value);
  }
};

std::string ssl_error_text() {
  const unsigned long e = ERR_get_error();
  if (!e) return "connection closed";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

// One TLS connection with deadlines on every read and write.
class Connection {
 public:
  explicit Connection(const RawRequest& r) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(r.endpoint.port);
    if (::getaddrinfo(r.endpoint.host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
      throw std::runtime_error("cannot resolve " + r.endpoint.host);
    fd_.value = ::socket(found->ai_family, SOCK_STREAM, 0);
    timeval tv{static_cast<time_t>(r.timeout.count() / 1000), static_cast<suseconds_t>((r.timeout.count() % 1000) * 1000)};
    ::setsockopt(fd_.value, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_.value, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    const int rc = ::connect(fd_.value, found->ai_addr, found->ai_addrlen);
    ::freeaddrinfo(found);
    if (rc != 0) throw std::runtime_error("cannot connect to " + r.endpoint.host + ":" + port);

    ctx_.reset(SSL_CTX_new(TLS_client_method()));
    if (r.tls.insecure) {
      SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_NONE, nullptr);
    } else {
      SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
      const bool loaded = r.tls.ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx_.get()) == 1
                                                : SSL_CTX_load_verify_locations(ctx_.get(), r.tls.ca_file.c_str(), nullptr) == 1;
      if (!loaded) throw std::runtime_error("cannot load the CA file " + r.tls.ca_file);
    }
    ssl_.reset(SSL_new(ctx_.get()));
    SSL_set_fd(ssl_.get(), fd_.value);
    SSL_ctrl(ssl_.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(r.endpoint.host.c_str()));
    if (!r.tls.insecure) SSL_set1_host(ssl_.get(), r.endpoint.host.c_str());
    if (SSL_connect(ssl_.get()) != 1) throw std::runtime_error("TLS handshake failed: " + ssl_error_text());
  }
  ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool write(std::string_view data) {
    while (!data.empty()) {
      const int n = SSL_write(ssl_.get(), data.data(), static_cast<int>(std::min<std::size_t>(data.size(), 1 << 16)));
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads until the peer closes, the headers and Content-Length body are in, or a deadline passes.
  std::string read_response() {
    std::string in;
    char buf[4096];
    while (in.size() < (1u << 16)) {
      const int n = SSL_read(ssl_.get(), buf, sizeof buf);
      if (n <= 0) break;
      in.append(buf, static_cast<std::size_t>(n));
      const auto end = in.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      const auto cl = in.find("Content-Length:");
      const std::size_t body = cl == std::string::npos || cl > end ? 0 : std::stoul(in.substr(cl + 15));
      if (in.size() >= end + 4 + body) break;
    }
    return in;
  }

  // Leaves without a TLS close_notify: the peer sees the TCP connection end mid-request.
  void abandon() {
    ::shutdown(fd_.value, SHUT_RDWR);
  }

 private:
  Fd fd_;  // declared first: closed after the SSL objects are freed
  std::unique_ptr<SSL_CTX, SslCtxFree> ctx_;
  std::unique_ptr<SSL, SslFree> ssl_;
};

std::string request_head(const RawRequest& r) {
  return "POST " + r.endpoint.path + " HTTP/1.1\r\nHost: " + r.endpoint.host + "\r\nContent-Type: " + r.content_type +
         "\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n";
}

void read_answer(Connection& c, Delivery& d) {
  const std::string response = c.read_response();
  d.transcript += "<<< " + response.substr(0, response.find("\r\n\r\n")) + "\n";
  if (response.rfind("HTTP/1.", 0) == 0 && response.size() > 12) {
    d.status = std::atoi(response.c_str() + 9);
    d.answer = answer_of_status(d.status);
    d.summary = response.substr(9, response.find("\r\n") - 9);
  } else {
    d.summary = response.empty() ? "closed without an answer" : "not an HTTP answer";
  }
}

}  // namespace

Delivery post_slowly(const RawRequest& r, std::chrono::milliseconds spread, const std::function<void()>& meanwhile) {
  Delivery d;
  const auto start = Clock::now();
  try {
    Connection c(r);
    const std::string head = request_head(r);
    d.transcript = ">>> " + head.substr(0, head.size() - 4) + "\n";
    c.write(head);
    constexpr int kPieces = 30;
    const std::size_t piece = (r.body.size() + kPieces - 1) / kPieces;
    bool wrote_all = true;
    for (int i = 0; i < kPieces && wrote_all; ++i) {
      const std::size_t from = static_cast<std::size_t>(i) * piece;
      if (from >= r.body.size()) break;
      wrote_all = c.write(std::string_view(r.body).substr(from, piece));
      if (i == kPieces / 2) meanwhile();
      std::this_thread::sleep_for(spread / kPieces);
    }
    d.transcript += ">>> body sent in " + std::to_string(kPieces) + " pieces over " + std::to_string(spread.count()) +
                    " ms" + (wrote_all ? "" : " (the receiver stopped reading)") + "\n";
    read_answer(c, d);
  } catch (const std::exception& e) {
    d.summary = e.what();
  }
  d.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return d;
}

Delivery post_torn(const RawRequest& r) {
  Delivery d;
  const auto start = Clock::now();
  try {
    Connection c(r);
    const std::string head = request_head(r);
    c.write(head);
    c.write(std::string_view(r.body).substr(0, r.body.size() / 2));
    d.transcript = ">>> " + head.substr(0, head.size() - 4) + "\n>>> " + std::to_string(r.body.size() / 2) + " of " +
                   std::to_string(r.body.size()) + " body bytes, then the connection was closed\n";
    c.abandon();
    d.summary = "connection closed by the suite mid-body";
  } catch (const std::exception& e) {
    d.summary = e.what();
  }
  d.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return d;
}

}  // namespace tlsrpt::conformance
