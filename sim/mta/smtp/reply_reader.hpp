// SMTP reply parsing without a socket (RFC 5321 §4.2): bytes in, whole replies out. The client
// connection feeds it what it receives; the fuzz target feeds it anything.
//
//   ReplyReader reader;
//   buffer += bytes_from_the_network;
//   switch (reader.parse(buffer)) {   // consumes the lines it used from `buffer`
//     case ReplyReader::State::good: use(reader.take()); break;
//     case ReplyReader::State::bad: report(reader.error()); break;
//     case ReplyReader::State::indeterminate: read more; break;
//   }
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tlsrpt::sim::smtp {

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // text after "NNN-" / "NNN "
};

class ReplyReader {
 public:
  static constexpr std::size_t kMaxLine = 4096;       // bytes without CRLF
  static constexpr std::size_t kMaxReplyLines = 128;

  enum class State { good, bad, indeterminate };

  State parse(std::string& buffer);
  Reply take();  // the reply after `good`; the reader starts over
  const std::string& error() const { return error_; }

 private:
  Reply reply_;
  std::string error_;
};

}  // namespace tlsrpt::sim::smtp
