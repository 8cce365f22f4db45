// The SMTP command parser (RFC 5321 §4.1), transport-free: it sees one line without its CRLF and
// says which verb it is and what follows. Fuzzed by fuzz/targets/fuzz_smtp_command.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt::fakemx::smtp {

enum class Verb { ehlo, helo, mail, rcpt, data, rset, noop, quit, vrfy, starttls, unknown };

struct Command {
  Verb verb = Verb::unknown;
  std::string argument;  // what follows the verb, leading spaces removed
};

// Never throws; any byte sequence yields a Command (unknown verbs included).
Command parse_command(std::string_view line);

// The mailbox in "FROM:<a@b> SIZE=10" / "TO:<a@b>" (the keyword is matched case-insensitively and
// the angle brackets are required; "<>" is the null reverse-path). nullopt when malformed.
struct PathArgument {
  std::string mailbox;
  std::string parameters;  // ESMTP parameters after the path, e.g. "SIZE=1000 BODY=8BITMIME"
};
std::optional<PathArgument> parse_path(std::string_view argument, std::string_view keyword);

// The value of SIZE=n among ESMTP parameters, if present and numeric.
std::optional<unsigned long long> size_parameter(std::string_view parameters);

}  // namespace tlsrpt::fakemx::smtp
