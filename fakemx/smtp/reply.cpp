#include "fakemx/smtp/reply.hpp"

namespace tlsrpt::fakemx::smtp {

std::string Reply::wire() const {
  std::vector<std::string> lines(1);
  for (char c : text) {
    if (c == '\n') {
      lines.emplace_back();
    } else if (c != '\r' && c != '\0') {
      lines.back() += c;
    }
  }
  const std::string number = std::to_string(code);
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += number;
    out += (i + 1 < lines.size()) ? '-' : ' ';
    out += lines[i];
    out += "\r\n";
  }
  return out;
}

int reply_code(std::string_view wire) {
  if (wire.size() < 3) return 0;
  int code = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (wire[i] < '0' || wire[i] > '9') return 0;
    code = code * 10 + (wire[i] - '0');
  }
  return code;
}

}  // namespace tlsrpt::fakemx::smtp
