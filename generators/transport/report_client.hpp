// One report to one receiver, synchronously and with a deadline: the client side that `load`,
// `fuzz` and `conformance` share. HTTPS POST follows RFC 8460 §5.4 over a kept-alive HTTP/1.1
// connection; SMTP speaks EHLO, STARTTLS when offered (or required), MAIL/RCPT/DATA, and keeps
// the whole reply transcript. Asio stays behind the pimpl.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::gen::transport {

struct TlsOptions {
  std::string ca_file;    // PEM bundle that verifies the receiver; empty = system default store
  bool insecure = false;  // do not verify the receiver's certificate or name
};
// A CA file that cannot be loaded makes the client constructors throw std::invalid_argument.

// What came back. A transport failure (refused, reset, timeout, TLS) leaves status 0 and says why
// in `error`; `timed_out` tells a hang from a refusal.
struct Response {
  int status = 0;          // HTTP status, or the SMTP reply code that ended the dialogue
  std::string reason;      // HTTP reason phrase, or the last SMTP reply line
  std::string body;        // HTTP body (capped at 64 KiB unless HttpsClient::set_max_body)
  std::string transcript;  // the exchange as text: request line + headers / every SMTP command and reply
  std::string error;       // empty when the exchange completed
  bool timed_out = false;         // a step (resolve, connect, handshake, write, read) passed its deadline
  bool connection_reset = false;  // the peer reset the connection (ECONNRESET, or EPIPE after its reset)
  bool body_truncated = false;    // the HTTP body went on past 64 KiB (the connection is then closed)
  std::chrono::nanoseconds latency{};
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
  std::string path = "/";  // HTTP request target (https only)
  std::string address;     // connect here instead of resolving `host`; `host` still names the TLS
                           // server (SNI, certificate check) and goes in the Host header
};

// Parses "https://host[:port][/path]" (port 443 by default). Throws std::invalid_argument.
Endpoint parse_https_url(std::string_view url);
// Parses "host:port" or "smtp://host[:port]" (port 25 by default). Throws std::invalid_argument.
Endpoint parse_smtp_address(std::string_view text);

class HttpsClient {
 public:
  HttpsClient(Endpoint endpoint, TlsOptions tls, std::chrono::milliseconds timeout);
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // POST `body` to the endpoint's path; reuses the connection while the server keeps it alive.
  Response post(std::string_view body, std::string_view content_type);
  // GET `target` (e.g. a liveness probe or an oracle URL's path) on the same host.
  Response get(std::string_view target);
  // Drops the kept-alive connection (the next request opens a new one).
  void close();
  // How much of a response body is kept (default 64 KiB); a longer body is cut there, sets
  // body_truncated and closes the connection. Raise it to read a large listing.
  void set_max_body(std::size_t bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct SmtpOptions {
  std::string helo = "tlsrpt-lab.invalid";
  bool require_starttls = false;  // fail (error set) when STARTTLS is not offered
  bool use_starttls = true;       // use it when offered
};

class SmtpClient {
 public:
  SmtpClient(Endpoint endpoint, TlsOptions tls, SmtpOptions options, std::chrono::milliseconds timeout);
  ~SmtpClient();
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  // One whole transaction on a fresh connection: `message` is dot-stuffed on the way out.
  Response send(std::string_view mail_from, const std::vector<std::string>& recipients, std::string_view message);
  // Connect, read the greeting, EHLO, QUIT: is the receiver alive and speaking SMTP?
  Response probe();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::gen::transport
