#include "fakemx/smtp/transcript.hpp"

#include <fstream>
#include <utility>

namespace tlsrpt::fakemx::smtp {

Transcript::Transcript(std::optional<std::filesystem::path> dir, std::string name) {
  if (dir) file_ = *dir / (name + ".txt");
}

Transcript::~Transcript() {
  if (!file_) return;
  std::ofstream out(*file_, std::ios::binary | std::ios::trunc);
  out << text_;
  if (truncated_) out << "* transcript truncated at " << kCap << " bytes\n";
}

void Transcript::add(std::string_view prefix, std::string_view bytes) {
  if (!file_ || truncated_) return;
  std::size_t start = 0;
  while (start < bytes.size()) {
    auto end = bytes.find('\n', start);
    const auto line = bytes.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? bytes.size() : end + 1;
    if (text_.size() + prefix.size() + line.size() + 1 > kCap) {
      truncated_ = true;
      return;
    }
    text_.append(prefix);
    for (char c : line)
      if (c != '\r') text_ += (c == '\0') ? '?' : c;
    text_ += '\n';
  }
}

}  // namespace tlsrpt::fakemx::smtp
