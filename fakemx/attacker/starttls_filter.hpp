// What the on-path attacker does to an SMTP conversation it relays, transport-free: it sees the
// bytes of each direction and decides what to pass on, what to answer itself, and when to cut the
// line. After a STARTTLS it let through, it relays bytes untouched (it cannot read TLS).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fakemx::attacker {

enum class AttackMode {
  pass_through,         // relay everything unchanged (the attack is off)
  strip_starttls,       // remove STARTTLS from the EHLO reply; refuse a STARTTLS command with 502
  rewrite_starttls,     // replace STARTTLS in the EHLO reply with XXXXXXXX (same length)
  answer_454,           // leave EHLO alone, answer STARTTLS with 454 itself
  drop_after_starttls,  // leave EHLO alone, cut both connections when the client sends STARTTLS
};

std::string_view mode_name(AttackMode mode);
std::optional<AttackMode> parse_mode(std::string_view name);  // "strip-starttls", ...
std::vector<std::string> mode_names();

class StarttlsFilter {
 public:
  static constexpr std::size_t kMaxPending = 64 * 1024;  // a line longer than this is relayed raw

  explicit StarttlsFilter(AttackMode mode) : mode_(mode) {}

  struct Output {
    std::string to_server;
    std::string to_client;
    bool close = false;  // cut both connections after sending what is here
  };

  void from_client(std::string_view bytes, Output& out);
  void from_server(std::string_view bytes, Output& out);

  bool transparent() const { return transparent_; }
  bool tampered() const { return tampered_; }  // the filter changed or answered something

 private:
  void client_line(std::string_view line, Output& out);
  void server_reply(Output& out);
  void go_transparent(Output& out);

  AttackMode mode_;
  bool transparent_ = false;
  bool tampered_ = false;
  bool client_in_data_ = false;
  std::string client_pending_;
  std::string server_pending_;              // an incomplete line
  std::vector<std::string> server_lines_;   // lines of a multi-line reply seen so far, with CRLF
};

}  // namespace tlsrpt::fakemx::attacker
