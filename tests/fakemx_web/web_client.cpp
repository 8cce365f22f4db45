#include "tests/fakemx_web/web_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>

namespace tlsrpt::test {

std::string random_loopback() {
  std::random_device rd;
  std::uniform_int_distribution<int> octet(1, 254);
  return "127." + std::to_string(octet(rd)) + "." + std::to_string(octet(rd)) + "." + std::to_string(octet(rd));
}

CurlResult curl(const std::string& host, std::uint16_t port, const std::string& addr, const std::string& path,
                const std::filesystem::path& ca_file, const std::vector<std::string>& extra,
                std::chrono::milliseconds deadline) {
  const std::string scheme = ca_file.empty() ? "http" : "https";
  std::vector<std::string> argv = {"curl", "-sS", "-D", "/dev/stderr", "-o", "-", "-w", "\n%{http_code}",
                                   "--max-time", std::to_string(deadline.count() / 1000 - 5 > 5 ? deadline.count() / 1000 - 5 : 5),
                                   "--resolve", host + ":" + std::to_string(port) + ":" + addr};
  if (!ca_file.empty()) {
    argv.push_back("--cacert");
    argv.push_back(ca_file.string());
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(scheme + "://" + host + ":" + std::to_string(port) + path);
  const ProcessResult run = run_process(argv, {}, deadline);
  CurlResult result;
  result.exit_code = run.exit_code;
  result.err = run.err;
  const auto nl = run.out.rfind('\n');
  result.body = nl == std::string::npos ? std::string() : run.out.substr(0, nl);
  result.status = std::strtol(run.out.c_str() + (nl == std::string::npos ? 0 : nl + 1), nullptr, 10);
  // -D /dev/stderr puts the headers in front of curl's own messages.
  const auto end = run.err.find("\r\n\r\n");
  result.headers = end == std::string::npos ? std::string() : run.err.substr(0, end + 2);
  return result;
}

RawClient::RawClient(const std::string& addr, std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, addr.c_str(), &sa.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) close();
}

RawClient::~RawClient() { close(); }

void RawClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawClient::send(const std::string& bytes) {
  std::size_t done = 0;
  while (fd_ >= 0 && done < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return fd_ >= 0;
}

std::optional<std::string> RawClient::read_until_close(std::chrono::milliseconds deadline) {
  std::string out;
  const auto until = std::chrono::steady_clock::now() + deadline;
  char buf[4096];
  while (fd_ >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace tlsrpt::test
