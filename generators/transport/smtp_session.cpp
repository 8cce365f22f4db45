// SMTP client dialogue (RFC 5321) with in-place STARTTLS (RFC 3207) on one socket: every reply
// read under the deadline, bounded in line length and count, and kept in the transcript.
#include "generators/transport/smtp_session.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <cctype>
#include <stdexcept>

namespace tlsrpt::gen::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::size_t kMaxReplyLines = 1000;

// The server broke the protocol (as opposed to the transport failing).
struct ProtocolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool offers(const std::vector<std::string>& ehlo_lines, std::string_view keyword) {
  for (std::size_t i = 1; i < ehlo_lines.size(); ++i) {  // line 0 is the greeting line
    const std::string_view text = std::string_view(ehlo_lines[i]).substr(std::min<std::size_t>(4, ehlo_lines[i].size()));
    const auto word = text.substr(0, text.find(' '));
    if (word.size() != keyword.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < word.size() && same; ++k)
      same = (word[k] & ~0x20) == keyword[k];  // keyword is upper-case ASCII
    if (same) return true;
  }
  return false;
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

std::string dot_stuffed(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 64 + 8);
  if (message.starts_with(".")) out += '.';
  for (std::size_t i = 0; i < message.size(); ++i) {
    out += message[i];
    if (message[i] == '\n' && i + 1 < message.size() && message[i + 1] == '.') out += '.';
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

SmtpSession::SmtpSession(asio::any_io_executor executor, asio::ssl::context& tls, Endpoint endpoint,
                         SmtpOptions options, bool insecure, std::chrono::milliseconds timeout)
    : executor_(std::move(executor)),
      tls_(tls),
      endpoint_(std::move(endpoint)),
      options_(std::move(options)),
      insecure_(insecure),
      timeout_(timeout) {}

SmtpSession::~SmtpSession() { close(); }

void SmtpSession::close() {
  if (stream_) {
    boost::system::error_code ignored;
    auto& socket = beast::get_lowest_layer(*stream_).socket();
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    stream_.reset();
  }
  tls_active_ = false;
  buffer_.clear();
}

void SmtpSession::settle(Response& r, const Reply& reply) const {
  r.status = reply.code;
  r.reason = reply.last_line;
}

asio::awaitable<SmtpSession::Reply> SmtpSession::read_reply(Response& r) {
  Reply reply;
  auto& tcp = beast::get_lowest_layer(*stream_);
  for (;;) {
    if (reply.lines.size() >= kMaxReplyLines) throw ProtocolError("a reply of more than 1000 lines");
    boost::system::error_code ec;
    auto buffer = asio::dynamic_buffer(buffer_, kMaxLine);
    tcp.expires_after(timeout_);
    const std::size_t n =
        tls_active_ ? co_await asio::async_read_until(*stream_, buffer, '\n', asio::redirect_error(use_awaitable, ec))
                    : co_await asio::async_read_until(stream_->next_layer(), buffer, '\n',
                                                      asio::redirect_error(use_awaitable, ec));
    if (ec == asio::error::not_found) throw ProtocolError("a reply line longer than 64 KiB");
    if (ec) throw boost::system::system_error(ec);
    std::string line = buffer_.substr(0, n - 1);
    buffer_.erase(0, n);
    if (line.ends_with('\r')) line.pop_back();
    r.transcript += "S: " + line + "\n";
    const bool shaped = line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line[0])) &&
                        std::isdigit(static_cast<unsigned char>(line[1])) &&
                        std::isdigit(static_cast<unsigned char>(line[2])) &&
                        (line.size() == 3 || line[3] == ' ' || line[3] == '-');
    if (!shaped) throw ProtocolError("malformed reply '" + line.substr(0, 80) + "'");
    const int code = std::stoi(line.substr(0, 3));
    if (!reply.lines.empty() && code != reply.code) throw ProtocolError("reply code changed within a multi-line reply");
    reply.code = code;
    const bool last = line.size() == 3 || line[3] == ' ';
    reply.lines.push_back(std::move(line));
    if (last) break;
  }
  reply.last_line = reply.lines.back();
  co_return reply;
}

asio::awaitable<void> SmtpSession::write(Response& r, std::string_view bytes, std::string_view shown) {
  r.transcript += "C: ";
  r.transcript += shown;
  r.transcript += '\n';
  beast::get_lowest_layer(*stream_).expires_after(timeout_);
  if (tls_active_) {
    co_await asio::async_write(*stream_, asio::buffer(bytes.data(), bytes.size()), use_awaitable);
  } else {
    co_await asio::async_write(stream_->next_layer(), asio::buffer(bytes.data(), bytes.size()), use_awaitable);
  }
}

asio::awaitable<SmtpSession::Reply> SmtpSession::command(Response& r, const std::string& line) {
  co_await write(r, line + "\r\n", line);
  co_return co_await read_reply(r);
}

// STARTTLS, the handshake on the same socket, EHLO again. False when the server refused STARTTLS
// (the session goes on in plain text unless TLS is required).
asio::awaitable<bool> SmtpSession::start_tls(Response& r, std::string_view& step) {
  step = "STARTTLS";
  const Reply reply = co_await command(r, "STARTTLS");
  if (reply.code != 220) {
    settle(r, reply);
    co_return false;
  }
  if (!buffer_.empty()) throw ProtocolError("the server sent more after its STARTTLS reply (command injection)");
  step = "TLS handshake";
  name_tls_server(*stream_, endpoint_.host, insecure_);
  beast::get_lowest_layer(*stream_).expires_after(timeout_);
  co_await stream_->async_handshake(asio::ssl::stream_base::client, use_awaitable);
  tls_active_ = true;
  r.transcript += "* TLS established, " + tls_summary(*stream_) +
                  (insecure_ ? ", certificate not verified\n" : ", certificate verified for " + endpoint_.host + "\n");
  co_return true;
}

void SmtpSession::broke(Response& r, std::string_view step, const std::exception& e) {
  if (const auto* transport = dynamic_cast<const boost::system::system_error*>(&e)) {
    record_failure(r, step, transport->code(), stream_ ? &*stream_ : nullptr);
    r.status = 0;
  } else {
    r.error = std::string(step) + ": " + e.what();
  }
  r.transcript += "* " + r.error + "\n";
  close();
}

asio::awaitable<Response> SmtpSession::open() {
  const auto t0 = Clock::now();
  Response r;
  close();
  std::string_view step = "connect";
  try {
    stream_.emplace(executor_, tls_);
    auto& tcp = beast::get_lowest_layer(*stream_);
    co_await connect(tcp, endpoint_, timeout_);
    r.transcript += "* connected to " + peer_text(tcp, endpoint_) + "\n";
    step = "greeting";
    Reply reply = co_await read_reply(r);
    if (reply.code == 220) {
      step = "EHLO";
      reply = co_await command(r, "EHLO " + options_.helo);
    }
    settle(r, reply);
    if (reply.code == 250) {
      const bool offered = offers(reply.lines, "STARTTLS");
      if (!offered && options_.require_starttls) {
        r.error = "STARTTLS: the server does not offer it, and it is required";
      } else if (offered && (options_.use_starttls || options_.require_starttls)) {
        if (co_await start_tls(r, step)) {
          step = "EHLO after STARTTLS";
          settle(r, co_await command(r, "EHLO " + options_.helo));
        } else if (options_.require_starttls) {
          r.error = "STARTTLS: refused by the server (" + r.reason + "), and it is required";
        } else {
          r.transcript += "* STARTTLS refused; going on without TLS\n";
          r.status = 250;
        }
      }
    }
  } catch (const std::exception& e) {
    broke(r, step, e);
  }
  if (is_open() && !r.ok()) {
    co_await quit(r);
  }
  r.latency = Clock::now() - t0;
  co_return r;
}

asio::awaitable<Response> SmtpSession::transaction(std::string_view mail_from, const std::vector<std::string>& recipients,
                                                    std::string_view message) {
  const auto t0 = Clock::now();
  Response r;
  if (!stream_) r.error = "not connected";
  if (recipients.empty()) r.error = "no recipients";
  bool bad_address = has_line_break(mail_from);
  for (const auto& to : recipients) bad_address = bad_address || has_line_break(to);
  if (bad_address) r.error = "a line break in an address";
  if (!r.error.empty()) co_return r;

  std::string_view step = "MAIL FROM";
  bool closing = false;  // the server said 421
  try {
    Reply reply = co_await command(r, "MAIL FROM:<" + std::string(mail_from) + ">");
    if (reply.code == 250) {
      step = "RCPT TO";
      int accepted = 0;
      Reply refusal;
      for (const auto& to : recipients) {
        Reply rcpt = co_await command(r, "RCPT TO:<" + to + ">");
        if (rcpt.code == 250 || rcpt.code == 251) ++accepted;
        else refusal = std::move(rcpt);
      }
      if (accepted == 0) {
        reply = std::move(refusal);
      } else {
        step = "DATA";
        reply = co_await command(r, "DATA");
        if (reply.code == 354) {
          step = "message";
          co_await write(r, dot_stuffed(message), "(" + std::to_string(message.size()) + " bytes of message)\nC: .");
          reply = co_await read_reply(r);
        }
      }
    }
    settle(r, reply);
    if (reply.code == 421) {
      closing = true;
    } else if (reply.code != 250) {
      step = "RSET";
      co_await command(r, "RSET");  // keep the session usable for the next transaction
    }
  } catch (const std::exception& e) {
    if (step == "RSET") close();  // a failed RSET only ends the session: the answer stands
    else broke(r, step, e);
  }
  if (closing) close();
  r.latency = Clock::now() - t0;
  co_return r;
}

asio::awaitable<void> SmtpSession::quit(Response& into) {
  if (!stream_) co_return;
  try {
    co_await command(into, "QUIT");
  } catch (const std::exception&) {
    // The session is over either way.
  }
  close();
}

}  // namespace tlsrpt::gen::transport
