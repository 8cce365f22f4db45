// Hostile clients against a real listener: huge lines, NUL bytes, junk, command injection after
// STARTTLS, TLS garbage, slowloris, thousands of idle connections. Each gets a 5xx reply or a
// closed connection within its deadline, and the server keeps serving well-behaved clients.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/run_process.hpp"

namespace {

using tlsrpt::fakemx::smtp::MxHost;

// A blocking client socket with a receive timeout: enough to script hostile sessions.
class Raw {
 public:
  Raw(const MxHost& host, int timeout_seconds = 30) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(host.port());
    ::inet_pton(AF_INET, host.address().c_str(), &addr.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Raw() { ::close(fd_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  bool connected() const { return connected_; }
  bool send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  // One complete reply ("250-..\r\n250 ..\r\n"), "" on close or timeout.
  std::string reply() {
    while (true) {
      std::size_t start = 0;
      while (true) {
        const auto end = buffer_.find("\r\n", start);
        if (end == std::string::npos) break;
        if (end - start >= 4 && buffer_[start + 3] == ' ') {
          std::string r = buffer_.substr(0, end + 2);
          buffer_.erase(0, end + 2);
          return r;
        }
        start = end + 2;
      }
      if (!fill()) return "";
    }
  }
  // True when the server closed the connection (EOF or reset) before the receive timeout.
  bool closed_by_server() {
    while (true) {
      char c[4096];
      const ssize_t n = ::recv(fd_, c, sizeof c, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  bool fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  bool connected_ = false;
  std::string buffer_;
};

int code(const std::string& reply) { return reply.size() >= 3 ? std::stoi(reply.substr(0, 3)) : 0; }

class HostileTest : public tlsrpt::fakemx::test::MxFixture {
 protected:
  MxHost host(std::chrono::milliseconds io_timeout = std::chrono::seconds(20),
              std::chrono::milliseconds session_limit = std::chrono::minutes(5), std::size_t max_connections = 512) {
    tlsrpt::fakemx::smtp::MxHostConfig config;
    config.hostname = "mx.example.test";
    config.address = tlsrpt::fakemx::test::random_loopback();
    config.io_timeout = io_timeout;
    config.session_limit = session_limit;
    config.max_connections = max_connections;
    auto h = server_.add_host(config);
    h.set_credential(mint("mx.example.test", tlsrpt::fakemx::pki::Profile::valid));
    return h;
  }

  static void expect_still_serving(const MxHost& h) {
    Raw c(h);
    EXPECT_EQ(code(c.reply()), 220);
    c.send("EHLO ok.test\r\nQUIT\r\n");
    EXPECT_EQ(code(c.reply()), 250);
    EXPECT_EQ(code(c.reply()), 221);
  }
};

TEST_F(HostileTest, OneMegabyteCommandLineGetsOne500AndTheSessionGoesOn) {
  auto h = host();
  Raw c(h);
  ASSERT_EQ(code(c.reply()), 220);
  ASSERT_TRUE(c.send(std::string(1 << 20, 'A') + "\r\n"));
  EXPECT_EQ(c.reply(), "500 5.5.2 Error: line too long\r\n");
  c.send("NOOP\r\n");
  EXPECT_EQ(code(c.reply()), 250);
}

TEST_F(HostileTest, NulBytesCommandsBeforeEhloAndPipelinedJunk) {
  auto h = host();
  Raw c(h);
  ASSERT_EQ(code(c.reply()), 220);
  c.send(std::string("NO\0OP\r\n", 7));
  EXPECT_EQ(code(c.reply()), 500);
  c.send("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");
  EXPECT_EQ(code(c.reply()), 503);
  EXPECT_EQ(code(c.reply()), 503);
  EXPECT_EQ(code(c.reply()), 503);
  std::string junk;
  for (int i = 0; i < 50; ++i) junk += "\x01\x02 junk " + std::to_string(i) + "\r\n";
  c.send(junk);
  int replies_500 = 0;
  std::string r;
  while (!(r = c.reply()).empty() && code(r) == 500) ++replies_500;
  EXPECT_EQ(code(r), 421);  // too many errors: the server hangs up
  EXPECT_GE(replies_500, 1);
  EXPECT_TRUE(c.closed_by_server());
  expect_still_serving(h);
}

TEST_F(HostileTest, PlaintextPipelinedAfterStarttlsIsNeverExecuted) {
  auto h = host();
  Raw c(h);
  ASSERT_EQ(code(c.reply()), 220);
  c.send("EHLO evil.test\r\nSTARTTLS\r\nMAIL FROM:<injected@evil.test>\r\n");
  EXPECT_EQ(code(c.reply()), 250);
  EXPECT_EQ(c.reply(), "220 2.0.0 Ready to start TLS\r\n");
  // The server now expects a ClientHello; the injected MAIL was discarded, and garbage instead of
  // TLS ends the session without a plaintext reply.
  c.send("this is not TLS at all\r\n\r\n");
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_EQ(h.stats().tls_failures, 1u);
  expect_still_serving(h);
}

TEST_F(HostileTest, StarttlsTwiceIsRefusedInsideTls) {
  if (!tlsrpt::test::have_program("openssl")) GTEST_SKIP() << "openssl is not installed";
  auto h = host();
  auto r = tlsrpt::test::run_process({"openssl", "s_client", "-starttls", "smtp", "-connect", target(h), "-quiet",
                                      "-ign_eof", "-CAfile", ca_file().string()},
                                     "EHLO again.test\r\nSTARTTLS\r\nQUIT\r\n", std::chrono::seconds(60));
  EXPECT_NE(r.out.find("503 5.5.1 Error: TLS already active"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("221 2.0.0 Bye"), std::string::npos) << r.out << r.err;
}

TEST_F(HostileTest, TlsClientHelloOnThePlaintextPortIsAnErrorNotACrash) {
  auto h = host();
  Raw c(h);
  ASSERT_EQ(code(c.reply()), 220);
  std::string hello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
  hello += std::string(500, '\x5a');
  hello += "\n";
  c.send(hello);
  EXPECT_EQ(code(c.reply()) / 100, 5);
  expect_still_serving(h);
}

TEST_F(HostileTest, SlowlorisIsCutByTheReadDeadline) {
  auto h = host(std::chrono::milliseconds(800));
  Raw c(h);
  ASSERT_EQ(code(c.reply()), 220);
  c.send("EH");
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(HostileTest, DripFeedingIsCutBySessionLimit) {
  auto h = host(std::chrono::seconds(20), std::chrono::seconds(2));
  Raw c(h);
  ASSERT_EQ(code(c.reply()), 220);
  bool cut = false;
  for (int i = 0; i < 200 && !cut; ++i) {  // one byte every 100 ms, never a full line; bounded at 20 s
    cut = !c.send("X");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(cut || c.closed_by_server());
}

TEST_F(HostileTest, TwoThousandIdleConnectionsAreCappedWith421) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < 4500) {
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8192);
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur < 2500) GTEST_SKIP() << "RLIMIT_NOFILE too low for 2,000 connections";
  constexpr std::size_t kCap = 100, kIdle = 2000;
  auto h = host(std::chrono::seconds(60), std::chrono::minutes(5), kCap);
  std::vector<std::unique_ptr<Raw>> idle;
  int greeted = 0, refused = 0;
  for (std::size_t i = 0; i < kIdle; ++i) {
    idle.push_back(std::make_unique<Raw>(h));
    ASSERT_TRUE(idle.back()->connected()) << i;
    const int c = code(idle.back()->reply());
    greeted += c == 220;
    refused += c == 421;
  }
  EXPECT_EQ(greeted, static_cast<int>(kCap));
  EXPECT_EQ(refused, static_cast<int>(kIdle - kCap));
  EXPECT_EQ(h.stats().refused, kIdle - kCap);
  idle.clear();
  // Once the idle ones are gone, a real client is served again (the server notices the closes).
  for (int i = 0; i < 200 && h.stats().active > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  expect_still_serving(h);
}

}  // namespace
