// A minimal concurrent SMTP client for the sink benchmark: one thread per session, each delivering
// one message (EHLO, MAIL, RCPT, DATA, QUIT) with a deadline on every read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tlsrpt::bench {

struct MailResult {
  int final_code = 0;  // the reply to the end of DATA; 0 when the session failed before it
  std::string error;
};

// Delivers messages[i] in its own session, all sessions at once; results in the same order.
std::vector<MailResult> deliver_concurrently(const std::string& address, std::uint16_t port,
                                             const std::vector<std::string>& messages);

}  // namespace tlsrpt::bench
