#include "tests/generators/peers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <random>
#include <sstream>

#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::gen::test {

namespace fs = std::filesystem;

std::string random_loopback() {
  static std::mt19937 gen{std::random_device{}()};
  std::uniform_int_distribution<int> octet(2, 250);
  return "127." + std::to_string(octet(gen)) + "." + std::to_string(octet(gen)) + "." + std::to_string(octet(gen));
}

namespace {

std::pair<std::string, std::uint16_t> split_endpoint(const std::string& endpoint) {
  const auto colon = endpoint.rfind(':');
  return {endpoint.substr(0, colon), static_cast<std::uint16_t>(std::stoul(endpoint.substr(colon + 1)))};
}

// A bound, listening TCP socket on `address` (port 0: the kernel picks); -1 on failure.
int listen_on(const std::string& address, std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  ::inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  socklen_t len = sizeof sa;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&sa), len) != 0 || ::listen(fd, 64) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0) {
    ::close(fd);
    return -1;
  }
  port = ntohs(sa.sin_port);
  return fd;
}

}  // namespace

LabSink::LabSink(const fs::path& dir) : https_address(random_loopback()), smtp_address(random_loopback()), store(dir / "sink") {
  child_ = std::make_unique<fakemx::test::Child>(std::vector<std::string>{
      tlsrpt::test::binary().string(), "mx", "--host", mx_name + "=" + smtp_address, "--sink", store.string(),
      "--sink-https", https_name + "=" + https_address, "--dir", (dir / "mx").string(), "--duration", "280"});
  while (auto line = child_->line()) {
    banner += *line + "\n";
    std::istringstream in(*line);
    std::string kind, name, url, at, endpoint;
    in >> kind >> name >> url;
    if (kind == "ready") break;
    if (kind == "ca-file") ca_file = name;
    if (kind == "mx" && url.starts_with("smtp://")) smtp_port = split_endpoint(url.substr(7)).second;
    if (kind == "sink" && name.starts_with("https://")) {  // "sink https://NAME/ at ADDR:PORT"
      in >> endpoint;
      https_port = split_endpoint(endpoint).second;
    }
  }
}

int LabSink::stop() { return child_->stop(SIGTERM); }

bool make_self_signed(const fs::path& dir, const std::string& name) {
  const auto r = tlsrpt::test::run_process(
      {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
       (dir / "key.pem").string(), "-out", (dir / "cert.pem").string(), "-days", "2", "-subj", "/CN=" + name,
       "-addext", "subjectAltName=DNS:" + name},
      {}, std::chrono::seconds(60));
  if (r.exit_code != 0) return false;
  fs::permissions(dir / "key.pem", fs::perms::owner_read | fs::perms::owner_write);
  return true;
}

SServer::SServer(const fs::path& dir, bool serve_files) {
  std::mt19937 gen{std::random_device{}()};
  std::uniform_int_distribution<int> ports(20000, 60000);
  for (int attempt = 0; attempt < 5 && port == 0; ++attempt) {
    address = random_loopback();
    const auto p = static_cast<std::uint16_t>(ports(gen));
    // s_server serves -WWW files relative to its working directory: env -C runs it in `dir`.
    std::vector<std::string> argv{"/usr/bin/env", "-C", dir.string(), "openssl", "s_server", "-accept",
                                  address + ":" + std::to_string(p), "-cert", (dir / "cert.pem").string(),
                                  "-key", (dir / "key.pem").string(), serve_files ? "-WWW" : "-www"};
    child_ = std::make_unique<fakemx::test::Child>(argv);
    while (auto line = child_->line(std::chrono::seconds(30))) {
      if (line->find("ACCEPT") != std::string::npos) {
        port = p;
        break;
      }
    }
  }
}

RawListener::RawListener(Kind kind) : address(random_loopback()) {
  fd_ = listen_on(address, port);
  if (fd_ < 0 || kind == Kind::silent) return;
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int conn = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn < 0) continue;
      linger abort_on_close{1, 0};
      ::setsockopt(conn, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
      ::close(conn);  // RST
    }
  });
}

RawListener::~RawListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

std::uint16_t closed_port(const std::string& address) {
  std::uint16_t port = 0;
  const int fd = listen_on(address, port);
  if (fd >= 0) ::close(fd);  // nothing listens there any more
  return port;
}

}  // namespace tlsrpt::gen::test
