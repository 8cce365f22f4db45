// A client connection (internal to the SMTP and HTTPS clients): a TCP socket bound to the sender's
// address, SMTP reply reading with size caps and deadlines, and an in-place TLS upgrade.
// Writes (cleartext or TLS records) collect in a buffer that goes out in one send when the
// connection next waits for the peer, so e.g. the TLS Finished and the EHLO after it share a segment.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <openssl/ssl.h>

#include "sim/mta/smtp/reply_reader.hpp"

namespace tlsrpt::sim::smtp {

class Connection {
 public:
  explicit Connection(std::chrono::milliseconds step_timeout) : timeout_(step_timeout) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects to address:port from source (may be empty). False with error() set on failure.
  bool connect(const std::string& source, const std::string& address, std::uint16_t port);
  bool send_line(const std::string& line);  // appends CRLF
  bool send_raw(const std::string& bytes);
  std::optional<Reply> read_reply();
  // Raw bytes for other protocols on the same transport (HTTPS): appends what arrived to `out`;
  // false at end of stream, on a timeout or an error (see error()).
  bool receive(std::string& out);
  // Runs the TLS client handshake on this socket with `ssl` (takes ownership). False on failure.
  bool start_tls(SSL* ssl);
  SSL* ssl() const { return ssl_; }
  const std::string& error() const { return error_; }
  std::string peer_ip() const;

 private:
  friend struct BufferedSocketBio;
  bool read_some();
  bool write_all(const char* data, std::size_t size);
  bool flush();  // sends what write_all collected; false with error_ set on failure
  long recv_some(char* buf, std::size_t size);  // flush, then one recv()

  std::chrono::milliseconds timeout_;
  int fd_ = -1;
  SSL* ssl_ = nullptr;
  std::string in_;
  std::string out_;
  bool write_failed_ = false;
  std::string error_;
};

}  // namespace tlsrpt::sim::smtp
