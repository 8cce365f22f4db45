// Client-side helpers for the fakemx web tests: curl as the real HTTPS peer, a raw TCP socket for
// hostile clients, and a random loopback address per test.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/run_process.hpp"

namespace tlsrpt::test {

// 127.a.b.c with random a, b, c (never 127.0.0.1), so parallel tests do not collide.
std::string random_loopback();

struct CurlResult {
  int exit_code = -1;
  long status = 0;           // HTTP status (0 when no response)
  std::string headers;       // raw response headers
  std::string body;
  std::string err;           // curl's stderr
};

// curl -sS against https://host:port/path resolved to addr, trusting ca_file (empty: plain http).
// extra: further curl arguments (-X POST, --data-binary @file, -H ...).
CurlResult curl(const std::string& host, std::uint16_t port, const std::string& addr, const std::string& path,
                const std::filesystem::path& ca_file, const std::vector<std::string>& extra = {},
                std::chrono::milliseconds deadline = std::chrono::seconds(60));

// A blocking TCP client with a deadline on every call.
class RawClient {
 public:
  RawClient(const std::string& addr, std::uint16_t port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  bool connected() const { return fd_ >= 0; }
  bool send(const std::string& bytes);  // false when the peer has closed
  // Reads until the peer closes or the deadline passes; nullopt on deadline.
  std::optional<std::string> read_until_close(std::chrono::milliseconds deadline);
  void close();

 private:
  int fd_ = -1;
};

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

}  // namespace tlsrpt::test
