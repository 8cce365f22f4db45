// The simulated sender's reply readers on arbitrary bytes, split into reads the way a network
// would split them (the first byte picks the chunk size; its top bit picks SMTP or HTTP).
// Invariants: SMTP replies have a three-digit code and bounded lines, the unread buffer stays
// bounded, and an HTTP response is only complete with a body within its cap.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/mta/https/http_response.hpp"
#include "sim/mta/smtp/reply_reader.hpp"

namespace {

using tlsrpt::sim::smtp::ReplyReader;

void smtp_replies(std::string_view input, std::size_t chunk) {
  ReplyReader reader;
  std::string buffer;
  while (!input.empty()) {
    buffer.append(input.substr(0, chunk));
    input.remove_prefix(std::min(chunk, input.size()));
    for (;;) {
      const auto state = reader.parse(buffer);
      if (state == ReplyReader::State::bad) {
        if (reader.error().empty()) std::abort();
        return;  // the connection would be dropped here
      }
      if (state == ReplyReader::State::indeterminate) break;
      const auto reply = reader.take();
      if (reply.code < 0 || reply.code > 999 || reply.lines.empty() ||
          reply.lines.size() > ReplyReader::kMaxReplyLines)
        std::abort();
      for (const auto& line : reply.lines)
        if (line.size() > ReplyReader::kMaxLine || line.find("\r\n") != std::string::npos) std::abort();
    }
    if (buffer.size() > ReplyReader::kMaxLine + chunk + 2) std::abort();
  }
}

void http_response(std::string_view input, std::size_t chunk) {
  constexpr std::size_t kMaxBody = 4096;
  tlsrpt::sim::HttpResponseReader reader(kMaxBody);
  std::string pending;
  auto state = tlsrpt::sim::HttpResponseReader::State::indeterminate;
  while (!input.empty() && state == tlsrpt::sim::HttpResponseReader::State::indeterminate) {
    pending.append(input.substr(0, chunk));
    input.remove_prefix(std::min(chunk, input.size()));
    state = reader.feed(pending);
  }
  if (state == tlsrpt::sim::HttpResponseReader::State::indeterminate) state = reader.end_of_stream("fuzz input ended");
  const auto& r = reader.response();
  if (r.complete != (state == tlsrpt::sim::HttpResponseReader::State::good)) std::abort();
  if (r.complete && (r.body.size() > kMaxBody || r.status < 0 || r.status > 999)) std::abort();
  if (!r.complete && r.error.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t chunk = 1 + (data[0] & 0x3f);
  if (data[0] & 0x80) http_response(input, chunk);
  else smtp_replies(input, chunk);
  return 0;
}
