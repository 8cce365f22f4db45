#include "sim/mta/smtp/reply_reader.hpp"

#include <utility>

namespace tlsrpt::sim::smtp {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

ReplyReader::State ReplyReader::parse(std::string& buffer) {
  std::size_t used = 0;
  State state = State::indeterminate;
  while (state == State::indeterminate) {
    const auto eol = buffer.find("\r\n", used);
    if (eol == std::string::npos) {
      if (buffer.size() - used > kMaxLine) {
        error_ = "reply line too long";
        state = State::bad;
      }
      break;
    }
    const std::string line = buffer.substr(used, eol - used);
    used = eol + 2;
    const bool separator_ok = line.size() == 3 || (line.size() > 3 && (line[3] == ' ' || line[3] == '-'));
    if (line.size() > kMaxLine || line.size() < 3 || !digit(line[0]) || !digit(line[1]) || !digit(line[2]) ||
        !separator_ok) {
      error_ = "malformed SMTP reply: " + line.substr(0, 80);
      state = State::bad;
      break;
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (!reply_.lines.empty() && code != reply_.code) {
      error_ = "multiline reply changes its code: " + line.substr(0, 80);
      state = State::bad;
      break;
    }
    reply_.code = code;
    reply_.lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
    if (line.size() == 3 || line[3] == ' ') {
      state = State::good;
    } else if (reply_.lines.size() >= kMaxReplyLines) {
      error_ = "reply has too many lines";
      state = State::bad;
    }
  }
  buffer.erase(0, used);
  return state;
}

Reply ReplyReader::take() { return std::exchange(reply_, Reply{}); }

}  // namespace tlsrpt::sim::smtp
