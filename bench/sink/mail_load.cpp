#include "bench/sink/mail_load.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

namespace tlsrpt::bench {

namespace {

class Session {
 public:
  Session(const std::string& address, std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0)
      throw std::runtime_error("connect failed");
  }
  ~Session() {
    if (fd_ >= 0) ::close(fd_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void send(const std::string& bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("send failed");
      done += static_cast<std::size_t>(n);
    }
  }

  // The code of the next complete reply (multi-line replies end with "NNN ").
  int reply() {
    for (;;) {
      for (std::size_t start = 0, end; (end = buffer_.find("\r\n", start)) != std::string::npos; start = end + 2) {
        const std::string line = buffer_.substr(start, end - start);
        if (line.size() >= 4 && line[3] == ' ') {
          buffer_.erase(0, end + 2);
          return std::stoi(line.substr(0, 3));
        }
        if (line.size() < 4 || line[3] != '-') throw std::runtime_error("bad reply: " + line);
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 60'000) <= 0) throw std::runtime_error("reply deadline passed");
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) throw std::runtime_error("connection closed");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  int command(const std::string& line) {
    send(line + "\r\n");
    return reply();
  }

 private:
  int fd_ = -1;
  std::string buffer_;
};

// CRLF line endings and dot-stuffing (RFC 5321 §4.5.2), terminated by "\r\n.\r\n".
std::string as_data(const std::string& message) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (line_start && c == '.') out += '.';
    if (c == '\n' && (i == 0 || message[i - 1] != '\r')) out += '\r';
    out += c;
    line_start = c == '\n';
  }
  if (!line_start) out += "\r\n";
  return out + ".\r\n";
}

MailResult deliver_one(const std::string& address, std::uint16_t port, const std::string& message) {
  MailResult result;
  try {
    Session s(address, port);
    if (s.reply() != 220) throw std::runtime_error("no greeting");
    if (s.command("EHLO load.test") != 250) throw std::runtime_error("EHLO refused");
    if (s.command("MAIL FROM:<tlsrpt@load.test>") != 250) throw std::runtime_error("MAIL refused");
    if (s.command("RCPT TO:<tlsrpt@reports.test>") != 250) throw std::runtime_error("RCPT refused");
    if (s.command("DATA") != 354) throw std::runtime_error("DATA refused");
    s.send(as_data(message));
    result.final_code = s.reply();
    s.command("QUIT");
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace

std::vector<MailResult> deliver_concurrently(const std::string& address, std::uint16_t port,
                                             const std::vector<std::string>& messages) {
  std::vector<MailResult> results(messages.size());
  std::vector<std::thread> threads;
  threads.reserve(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i)
    threads.emplace_back([&, i] { results[i] = deliver_one(address, port, messages[i]); });
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace tlsrpt::bench
