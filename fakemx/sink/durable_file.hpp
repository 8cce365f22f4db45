// Crash-safe writes: a file appears complete or not at all (temp file, fsync, rename, fsync of the
// directory), and an append-only log whose lines are on disk when append() returns.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tlsrpt::fakemx::sink {

// Throws std::runtime_error (with errno text) when any step fails; no temp file is left behind.
void write_file_durably(const std::filesystem::path& path, std::string_view bytes);

// fsync of a directory, so that renames and creations in it survive a crash.
void sync_directory(const std::filesystem::path& dir);

class AppendLog {
 public:
  // Opens (creating) the log. A torn last line (no trailing newline) is cut off first and
  // returned through torn_tail, so the caller can reconstruct what it described.
  AppendLog(const std::filesystem::path& path, std::string* torn_tail = nullptr);
  ~AppendLog();
  AppendLog(const AppendLog&) = delete;
  AppendLog& operator=(const AppendLog&) = delete;

  void append(std::string_view line);  // writes line + '\n', then fsync; throws on failure

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

}  // namespace tlsrpt::fakemx::sink
