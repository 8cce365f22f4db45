// Crash-safe writes: a file appears complete or not at all (temp file, fsync, rename, fsync of the
// directory), and an append-only log whose lines are on disk when append() returns. A batch of
// files can share one directory fsync: replace_file() each, then sync_directory() once.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tlsrpt::fakemx::sink {

// Throws std::runtime_error (with errno text) when any step fails; no temp file is left behind.
void write_file_durably(const std::filesystem::path& path, std::string_view bytes);

// Temp file beside `path`, renamed into place; with sync_data its contents are on disk before the
// rename. The rename itself is durable only once sync_directory(path's directory) has returned.
void replace_file(const std::filesystem::path& path, std::string_view bytes, bool sync_data);

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
  // Whole lines, each ending in '\n', in one write and one fsync; throws on failure.
  void append_lines(std::string_view lines);

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

}  // namespace tlsrpt::fakemx::sink
