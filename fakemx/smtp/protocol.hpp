// The server side of one SMTP session (RFC 5321 + RFC 3207 STARTTLS), transport-free and
// incremental: the socket shell feeds whatever bytes arrived, sends back what the protocol wrote
// and does what it asks next (read more, upgrade to TLS in place, close). Nothing here blocks on
// the network, so hostile input is tested without sockets.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakemx/smtp/reply.hpp"

namespace tlsrpt::fakemx::smtp {

struct Envelope {
  std::string helo;                 // the EHLO/HELO argument
  std::string mail_from;            // "" for the null reverse-path
  std::vector<std::string> rcpt_to;
  bool tls = false;                 // the message arrived after a STARTTLS handshake
  std::string peer;                 // "127.0.0.9:40312"
  std::string host;                 // the MX host name that received it
};

// Called with the complete, dot-unstuffed message. The session replies with what the hook returns
// only after it has returned, so a sink can store the mail durably before acknowledging it.
// Called from a server thread; must be thread-safe when shared between hosts.
using MessageHook = std::function<Reply(const Envelope&, std::string_view message)>;

struct Limits {
  std::size_t max_line = 4096;                   // command line, without CRLF
  std::size_t max_message = 10 * 1024 * 1024;    // advertised in EHLO SIZE
  std::size_t max_recipients = 100;
  unsigned max_errors = 10;                      // bad commands before 421 and close
};

// How this session treats STARTTLS (set by the host's TLS profile and faults).
struct StarttlsPolicy {
  bool advertise = true;        // list STARTTLS in the EHLO reply
  bool available = true;        // a TLS context exists to upgrade with
  std::optional<Reply> refuse;  // answer STARTTLS with this instead of 220 (e.g. 454)
};

class Protocol {
 public:
  enum class Next { read, start_tls, close };

  Protocol(std::string hostname, Limits limits, StarttlsPolicy starttls, MessageHook hook, std::string peer);

  std::string greeting() const;

  // Consumes `bytes`, appends replies to `out`. On start_tls, bytes pipelined after STARTTLS have
  // been discarded (RFC 3207 §6, the command injection defence); call tls_established() once the
  // handshake is done. On close, `out` holds the last reply.
  Next feed(std::string_view bytes, std::string& out);

  // RFC 3207 §4.2: the server forgets everything it knew, the client must EHLO again.
  void tls_established();

  bool tls_active() const { return envelope_.tls; }
  std::size_t messages_accepted() const { return messages_accepted_; }
  std::size_t buffered() const { return buffer_.size() + message_.size(); }

 private:
  enum class Mode { command, skip_long_line, data };

  Next command_line(std::string_view line, std::string& out);
  Next data_line(std::string_view line, std::string& out);
  Next error(Reply reply, std::string& out);
  std::string ehlo_reply() const;
  void reset_transaction();

  std::string hostname_;
  Limits limits_;
  StarttlsPolicy starttls_;
  MessageHook hook_;
  Mode mode_ = Mode::command;
  std::string buffer_;   // bytes not yet split into lines
  bool helo_seen_ = false;
  bool mail_seen_ = false;
  Envelope envelope_;
  std::string message_;
  bool message_too_big_ = false;
  unsigned errors_ = 0;
  std::size_t messages_accepted_ = 0;
};

}  // namespace tlsrpt::fakemx::smtp
