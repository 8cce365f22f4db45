// Real peers for the report client and load tests: the project's own sink and MX (`tlsrpt-lab mx`
// as a child process), `openssl s_server`, and two raw listeners that misbehave on purpose (one
// accepts and never answers, one resets every connection).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "tests/fakemx_smtp/child.hpp"

namespace tlsrpt::gen::test {

// 127.a.b.c with random octets (never 127.0.0.1), so parallel tests never collide.
std::string random_loopback();

// `tlsrpt-lab mx --sink DIR --sink-https NAME=ADDR --host MX=ADDR`: a report sink taking HTTPS
// POSTs and mail through one MX host with STARTTLS, both with certificates from the printed CA.
class LabSink {
 public:
  explicit LabSink(const std::filesystem::path& dir);
  bool ready() const { return https_port != 0 && smtp_port != 0 && !ca_file.empty(); }
  std::string banner;  // what the child printed up to "ready"
  std::string https_name = "reports.example.test";
  std::string https_address;
  std::uint16_t https_port = 0;
  std::string mx_name = "mx.example.test";
  std::string smtp_address;
  std::uint16_t smtp_port = 0;
  std::string ca_file;
  std::filesystem::path store;
  int stop();  // SIGTERM; the exit status

 private:
  std::unique_ptr<fakemx::test::Child> child_;
};

// A self-signed certificate for `name` (key and certificate in `dir`, key 0600). False if openssl failed.
bool make_self_signed(const std::filesystem::path& dir, const std::string& name);

// `openssl s_server -www` (or -WWW to serve files from `dir`) with the certificate from make_self_signed.
class SServer {
 public:
  SServer(const std::filesystem::path& dir, bool serve_files);
  bool ready() const { return port != 0; }
  std::string address;
  std::uint16_t port = 0;

 private:
  std::unique_ptr<fakemx::test::Child> child_;
};

// Listens on a loopback address; `Silent` completes TCP handshakes (the kernel's backlog) and never
// says a word; `Resetting` accepts and aborts each connection with an RST (SO_LINGER 0).
class RawListener {
 public:
  enum class Kind { silent, resetting };
  explicit RawListener(Kind kind);
  ~RawListener();
  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;
  std::string address;
  std::uint16_t port = 0;

 private:
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A loopback port nothing listens on.
std::uint16_t closed_port(const std::string& address);

}  // namespace tlsrpt::gen::test
