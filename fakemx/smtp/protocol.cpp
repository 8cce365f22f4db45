#include "fakemx/smtp/protocol.hpp"

#include <utility>

#include "fakemx/smtp/command.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

const Reply kBadSequenceHelo{503, "5.5.1 Error: send HELO/EHLO first"};
const Reply kUnrecognized{500, "5.5.2 Error: command not recognized"};
const Reply kTooManyErrors{421, "4.7.0 Error: too many errors, closing connection"};

}  // namespace

Protocol::Protocol(std::string hostname, Limits limits, StarttlsPolicy starttls, MessageHook hook,
                   std::string peer)
    : hostname_(std::move(hostname)), limits_(limits), starttls_(std::move(starttls)), hook_(std::move(hook)) {
  envelope_.peer = std::move(peer);
  envelope_.host = hostname_;
}

std::string Protocol::greeting() const { return Reply{220, hostname_ + " ESMTP tlsrpt-lab"}.wire(); }

Protocol::Next Protocol::feed(std::string_view bytes, std::string& out) {
  buffer_.append(bytes);
  std::size_t start = 0;
  Next next = Next::read;
  while (next == Next::read) {
    const auto lf = buffer_.find('\n', start);
    if (lf == std::string::npos) break;
    std::string_view line(buffer_.data() + start, lf - start);
    start = lf + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    switch (mode_) {
      case Mode::skip_long_line: mode_ = Mode::command; break;  // the tail of an over-long line
      case Mode::command: next = command_line(line, out); break;
      case Mode::data: next = data_line(line, out); break;
    }
  }
  if (next != Next::read) {
    buffer_.clear();  // anything pipelined after STARTTLS or QUIT is never interpreted
    return next;
  }
  buffer_.erase(0, start);
  // A line that has not ended within its limit: reply once, then drop bytes until its end.
  const std::size_t limit = mode_ == Mode::data ? limits_.max_message + 2 : limits_.max_line + 2;
  if (buffer_.size() > limit) {
    buffer_.clear();
    if (mode_ == Mode::data) {
      message_too_big_ = true;
      message_.clear();
    } else if (mode_ == Mode::command) {
      mode_ = Mode::skip_long_line;
      return error({500, "5.5.2 Error: line too long"}, out);
    }
  }
  return Next::read;
}

Protocol::Next Protocol::error(Reply reply, std::string& out) {
  if (++errors_ >= limits_.max_errors) {
    out += kTooManyErrors.wire();
    return Next::close;
  }
  out += reply.wire();
  return Next::read;
}

void Protocol::reset_transaction() {
  mail_seen_ = false;
  envelope_.mail_from.clear();
  envelope_.rcpt_to.clear();
  message_.clear();
  message_too_big_ = false;
}

std::string Protocol::ehlo_reply() const {
  std::string text = hostname_ + " greets " + envelope_.helo;
  text += "\nPIPELINING\nSIZE " + std::to_string(limits_.max_message) + "\n8BITMIME\nENHANCEDSTATUSCODES";
  if (starttls_.advertise && !envelope_.tls) text += "\nSTARTTLS";
  return Reply{250, text}.wire();
}

Protocol::Next Protocol::command_line(std::string_view line, std::string& out) {
  if (line.find('\0') != std::string_view::npos) return error({500, "5.5.2 Error: NUL byte in command"}, out);
  const Command cmd = parse_command(line);
  switch (cmd.verb) {
    case Verb::ehlo:
    case Verb::helo:
      if (cmd.argument.empty()) return error({501, "5.5.4 Syntax: EHLO hostname"}, out);
      reset_transaction();
      helo_seen_ = true;
      envelope_.helo = cmd.argument;
      out += cmd.verb == Verb::ehlo ? ehlo_reply() : Reply{250, hostname_}.wire();
      return Next::read;
    case Verb::mail: {
      if (!helo_seen_) return error(kBadSequenceHelo, out);
      if (mail_seen_) return error({503, "5.5.1 Error: nested MAIL command"}, out);
      const auto path = parse_path(cmd.argument, "FROM:");
      if (!path) return error({501, "5.5.4 Syntax: MAIL FROM:<address>"}, out);
      const auto size = size_parameter(path->parameters);
      if (size && *size > limits_.max_message) {
        out += Reply{552, "5.3.4 Message size exceeds fixed limit"}.wire();
        return Next::read;
      }
      mail_seen_ = true;
      envelope_.mail_from = path->mailbox;
      out += Reply{250, "2.1.0 Ok"}.wire();
      return Next::read;
    }
    case Verb::rcpt: {
      if (!mail_seen_) return error({503, "5.5.1 Error: need MAIL command"}, out);
      const auto path = parse_path(cmd.argument, "TO:");
      if (!path || path->mailbox.empty()) return error({501, "5.5.4 Syntax: RCPT TO:<address>"}, out);
      if (envelope_.rcpt_to.size() >= limits_.max_recipients) {
        out += Reply{452, "4.5.3 Error: too many recipients"}.wire();
        return Next::read;
      }
      envelope_.rcpt_to.push_back(path->mailbox);
      out += Reply{250, "2.1.5 Ok"}.wire();
      return Next::read;
    }
    case Verb::data:
      if (!cmd.argument.empty()) return error({501, "5.5.4 Syntax: DATA"}, out);
      if (envelope_.rcpt_to.empty()) return error({503, "5.5.1 Error: need RCPT command"}, out);
      mode_ = Mode::data;
      message_.clear();
      out += Reply{354, "End data with <CR><LF>.<CR><LF>"}.wire();
      return Next::read;
    case Verb::rset:
      reset_transaction();
      out += Reply{250, "2.0.0 Ok"}.wire();
      return Next::read;
    case Verb::noop:
      out += Reply{250, "2.0.0 Ok"}.wire();
      return Next::read;
    case Verb::vrfy:
      out += Reply{252, "2.0.0 Cannot VRFY user, but will accept message"}.wire();
      return Next::read;
    case Verb::quit:
      out += Reply{221, "2.0.0 Bye"}.wire();
      return Next::close;
    case Verb::starttls:
      if (!cmd.argument.empty()) return error({501, "5.5.4 Syntax: STARTTLS"}, out);
      if (envelope_.tls) return error({503, "5.5.1 Error: TLS already active"}, out);
      if (!starttls_.advertise) return error({502, "5.5.1 Error: command not implemented"}, out);
      if (starttls_.refuse) {
        out += starttls_.refuse->wire();
        return Next::read;
      }
      if (!starttls_.available) {
        out += Reply{454, "4.7.0 TLS not available due to local problem"}.wire();
        return Next::read;
      }
      out += Reply{220, "2.0.0 Ready to start TLS"}.wire();
      return Next::start_tls;
    case Verb::unknown: break;
  }
  return error(kUnrecognized, out);
}

Protocol::Next Protocol::data_line(std::string_view line, std::string& out) {
  if (line == ".") {
    mode_ = Mode::command;
    Reply reply{250, "2.0.0 Ok: queued"};
    if (message_too_big_) {
      reply = {552, "5.3.4 Error: message too big"};
    } else if (hook_) {
      reply = hook_(envelope_, message_);
    }
    if (reply.positive()) ++messages_accepted_;
    out += reply.wire();
    reset_transaction();
    return Next::read;
  }
  if (message_too_big_) return Next::read;
  if (!line.empty() && line.front() == '.') line.remove_prefix(1);  // dot-unstuffing
  if (message_.size() + line.size() + 2 > limits_.max_message) {
    message_too_big_ = true;
    message_.clear();
    message_.shrink_to_fit();
    return Next::read;
  }
  message_.append(line);
  message_.append("\r\n");
  return Next::read;
}

void Protocol::tls_established() {
  helo_seen_ = false;
  envelope_.helo.clear();
  reset_transaction();
  mode_ = Mode::command;
  buffer_.clear();
  envelope_.tls = true;
}

}  // namespace tlsrpt::fakemx::smtp
