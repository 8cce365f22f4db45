// A per-session transcript ("C: ...", "S: ...", "* TLS established"), capped in size, written to
// <dir>/<name>.txt when the session ends. Does nothing when no directory was given.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt::fakemx::smtp {

class Transcript {
 public:
  static constexpr std::size_t kCap = 256 * 1024;

  Transcript(std::optional<std::filesystem::path> dir, std::string name);
  ~Transcript();
  Transcript(const Transcript&) = delete;
  Transcript& operator=(const Transcript&) = delete;

  bool enabled() const { return file_.has_value(); }  // callers skip building notes nobody keeps
  void client(std::string_view bytes) { add("C: ", bytes); }
  void server(std::string_view bytes) { add("S: ", bytes); }
  void note(std::string_view event) { add("* ", event); }

 private:
  void add(std::string_view prefix, std::string_view bytes);
  std::optional<std::filesystem::path> file_;
  std::string text_;
  bool truncated_ = false;
};

}  // namespace tlsrpt::fakemx::smtp
