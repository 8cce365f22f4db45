// SMTP replies (RFC 5321 §4.2): one code, one or more text lines, CRLF-terminated on the wire.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fakemx::smtp {

struct Reply {
  int code = 250;
  std::string text = "2.0.0 Ok";  // may span lines separated by '\n'; CR and NUL are dropped

  bool positive() const { return code >= 200 && code < 400; }
  // "250-first\r\n250 last\r\n"
  std::string wire() const;
};

// The code of a complete reply on the wire ("250-..\r\n250 ..\r\n" -> 250), or 0 if malformed.
int reply_code(std::string_view wire);

}  // namespace tlsrpt::fakemx::smtp
