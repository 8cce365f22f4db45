#include "fakemx/sink/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace tlsrpt::fakemx::sink {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write", path);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string unique_suffix() {
  static std::atomic<unsigned long> counter{0};
  return ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

}  // namespace

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("cannot fsync directory", dir);
}

void replace_file(const fs::path& path, std::string_view bytes, bool sync_data) {
  const fs::path temp = path.string() + unique_suffix();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot create", temp);
  try {
    write_all(fd, bytes, temp);
    if (sync_data && ::fdatasync(fd) != 0) fail("cannot fsync", temp);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail("cannot rename to", path);
  }
}

void write_file_durably(const fs::path& path, std::string_view bytes) {
  replace_file(path, bytes, true);
  sync_directory(path.parent_path());
}

AppendLog::AppendLog(const fs::path& path, std::string* torn_tail) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) fail("cannot open", path);
  const off_t size = ::lseek(fd_, 0, SEEK_END);
  if (size > 0) {
    // Find the end of the last complete line; everything after it is a torn write.
    std::string content(static_cast<std::size_t>(size), '\0');
    if (::pread(fd_, content.data(), content.size(), 0) != size) fail("cannot read", path);
    const std::size_t keep = content.rfind('\n') == std::string::npos ? 0 : content.rfind('\n') + 1;
    if (keep < content.size()) {
      if (torn_tail) *torn_tail = content.substr(keep);
      if (::ftruncate(fd_, static_cast<off_t>(keep)) != 0 || ::fsync(fd_) != 0) fail("cannot repair", path);
    }
  }
  sync_directory(path.parent_path());
}

AppendLog::~AppendLog() {
  if (fd_ >= 0) ::close(fd_);
}

void AppendLog::append(std::string_view line) {
  std::string buffer(line);
  buffer.push_back('\n');
  append_lines(buffer);
}

void AppendLog::append_lines(std::string_view lines) {
  write_all(fd_, lines, path_);
  if (::fdatasync(fd_) != 0) fail("cannot fsync", path_);
}

}  // namespace tlsrpt::fakemx::sink
