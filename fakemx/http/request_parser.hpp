// Transport-free request parsing with the same limits and error policy as the server: feed it
// bytes, get a complete request, "need more", or the status the server would answer with.
// The server itself reads with Beast directly; this is for fuzzing and for unit tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "fakemx/http/limits.hpp"
#include "fakemx/http/message.hpp"

namespace tlsrpt::fakemx::http {

enum class ParseStatus { complete, incomplete, rejected };

struct ParseOutcome {
  ParseStatus status = ParseStatus::incomplete;
  std::optional<Request> request;  // when complete
  int reject_status = 0;           // when rejected: the status the server answers (0 = close)
  std::string reason;
};

ParseOutcome parse_request(std::string_view bytes, const Limits& limits);

}  // namespace tlsrpt::fakemx::http
