// One SMTP session as coroutine steps (internal): open (greeting, EHLO, in-place STARTTLS, EHLO
// again), any number of transactions, QUIT. SmtpClient runs one transaction per session on its own
// io_context; `load`'s SMTP workers keep a session open and co_await many.
#pragma once

#include "generators/transport/asio_coro.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generators/transport/connection.hpp"
#include "generators/transport/report_client.hpp"

namespace tlsrpt::gen::transport {

class SmtpSession {
 public:
  // `tls` (from make_client_context) must outlive the session.
  SmtpSession(boost::asio::any_io_executor executor, boost::asio::ssl::context& tls, Endpoint endpoint,
              SmtpOptions options, bool insecure, std::chrono::milliseconds timeout);
  ~SmtpSession();
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  // Connects and says hello. ok() when the last EHLO got 250; otherwise the session is closed.
  boost::asio::awaitable<Response> open();
  // MAIL, RCPT for each recipient, DATA with `message` dot-stuffed. After a refusal the session is
  // RSET and stays open; after a transport failure it is closed.
  boost::asio::awaitable<Response> transaction(std::string_view mail_from, const std::vector<std::string>& recipients,
                                               std::string_view message);
  // QUIT (appended to `into`'s transcript, failures ignored) and close.
  boost::asio::awaitable<void> quit(Response& into);
  void close();
  bool is_open() const { return stream_.has_value(); }
  bool tls_active() const { return tls_active_; }

 private:
  struct Reply {
    int code = 0;
    std::string last_line;
    std::vector<std::string> lines;
  };
  boost::asio::awaitable<Reply> read_reply(Response& r);
  boost::asio::awaitable<void> write(Response& r, std::string_view bytes, std::string_view shown);
  boost::asio::awaitable<Reply> command(Response& r, const std::string& line);
  boost::asio::awaitable<bool> start_tls(Response& r, std::string_view& step);
  void settle(Response& r, const Reply& reply) const;
  // The transport failed or the server broke the protocol: say why, and close.
  void broke(Response& r, std::string_view step, const std::exception& e);

  boost::asio::any_io_executor executor_;
  boost::asio::ssl::context& tls_;
  Endpoint endpoint_;
  SmtpOptions options_;
  bool insecure_;
  std::chrono::milliseconds timeout_;
  std::optional<TlsStream> stream_;
  bool tls_active_ = false;
  std::string buffer_;
};

// RFC 5321 §4.5.2: a '.' at the start of a line is doubled; the message ends with CRLF.CRLF.
std::string dot_stuffed(std::string_view message);

}  // namespace tlsrpt::gen::transport
