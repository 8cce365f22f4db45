// Hostile clients against the HTTP(S) server base: slowloris, huge headers, oversized bodies,
// connections dropped mid-body, thousands of idle connections, TLS garbage. Each gets a 4xx or a
// closed connection within the deadlines, and real clients keep being served.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <memory>
#include <thread>

#include "fakemx/http/server.hpp"
#include "tests/fakemx_web/test_pki.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace http = fakemx::http;
using namespace std::chrono_literals;

class Hostile : public ::testing::Test {
 protected:
  void start(bool tls) {
    http::Limits limits;
    limits.request_timeout = 2s;
    limits.handshake_timeout = 2s;
    limits.body_limit = 64 * 1024;
    limits.header_limit = 8 * 1024;
    limits.max_connections = 200;
    server_ = std::make_unique<http::Server>(
        http::ServerConfig{.address = random_loopback(), .tls = tls, .limits = limits},
        [this](const http::Request& r) {
          ++handled_;
          return http::Response::text(200, "got " + std::to_string(r.body.size()) + "\n");
        });
    if (tls) {
      dir_ = make_temp_dir("http-hostile");
      write_file(dir_ / "ca.pem", ca_.ca_pem());
      server_->set_identity("", ca_.identity("web.test"));
    }
    server_->start();
  }
  void TearDown() override {
    server_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  void expect_real_client_served() {
    if (!have_program("curl")) return;
    const auto r = curl("web.test", server_->port(), server_->address(), "/",
                        dir_.empty() ? std::filesystem::path() : dir_ / "ca.pem", {"--data-binary", "abc"});
    EXPECT_EQ(r.status, 200) << r.err;
    EXPECT_EQ(r.body, "got 3\n");
  }

  TestPki ca_;
  std::filesystem::path dir_;
  std::unique_ptr<http::Server> server_;
  std::atomic<int> handled_{0};
};

TEST_F(Hostile, SlowlorisIsCutOffAtTheRequestDeadline) {
  start(false);
  RawClient slow(server_->address(), server_->port());
  ASSERT_TRUE(slow.connected());
  slow.send("GET / HTTP/1.1\r\nHost: web.test\r\n");
  const auto begin = std::chrono::steady_clock::now();
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {  // one header line every 200 ms, bounded
    closed = !slow.send("X-Slow-" + std::to_string(i) + ": a\r\n");
    std::this_thread::sleep_for(200ms);
  }
  const auto rest = slow.read_until_close(30s);
  ASSERT_TRUE(rest.has_value()) << "server kept a slowloris client past every deadline";
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 15s);
  EXPECT_EQ(handled_, 0);
  expect_real_client_served();
}

TEST_F(Hostile, HugeHeaderIs431) {
  start(false);
  RawClient c(server_->address(), server_->port());
  c.send("GET / HTTP/1.1\r\nHost: web.test\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n");
  const auto reply = c.read_until_close(30s);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->rfind("HTTP/1.1 431", 0), 0u) << reply->substr(0, 80);
  EXPECT_EQ(handled_, 0);
}

TEST_F(Hostile, BodyAboveTheLimitIs413BeforeItIsSent) {
  start(false);
  RawClient c(server_->address(), server_->port());
  c.send("POST / HTTP/1.1\r\nHost: web.test\r\nContent-Length: 100000000\r\n\r\n");
  const auto reply = c.read_until_close(30s);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->rfind("HTTP/1.1 413", 0), 0u) << reply->substr(0, 80);
  EXPECT_EQ(handled_, 0);
}

TEST_F(Hostile, ConnectionDroppedMidBodyReachesNoHandler) {
  start(false);
  {
    RawClient c(server_->address(), server_->port());
    c.send("POST / HTTP/1.1\r\nHost: web.test\r\nContent-Length: 1000\r\n\r\n0123456789");
  }
  expect_real_client_served();
  EXPECT_EQ(handled_, have_program("curl") ? 1 : 0);
}

// Room for 2,000 client sockets plus the server's own, or a skip with the reason.
bool raise_fd_limit(rlim_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
  if (limit.rlim_cur >= wanted) return true;
  if (limit.rlim_max < wanted) return false;
  limit.rlim_cur = wanted;
  return setrlimit(RLIMIT_NOFILE, &limit) == 0;
}

TEST_F(Hostile, TwoThousandIdleConnectionsAreCappedAndTimedOut) {
  if (!raise_fd_limit(4500)) GTEST_SKIP() << "RLIMIT_NOFILE cannot be raised to 4500";
  start(true);
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 2000; ++i) idle.push_back(std::make_unique<RawClient>(server_->address(), server_->port()));
  // The server takes them as fast as it can; wait (bounded) until it has seen them all.
  for (int i = 0; i < 300 && server_->stats().accepted < 2000; ++i) std::this_thread::sleep_for(100ms);
  const auto stats = server_->stats();
  EXPECT_EQ(stats.accepted, 2000u);
  EXPECT_LE(stats.open, 200u);
  EXPECT_GE(stats.refused, 1800u);
  // Idle ones are dropped at the handshake deadline, after which real clients get in again.
  for (int i = 0; i < 300 && server_->stats().open > 0; ++i) std::this_thread::sleep_for(100ms);
  EXPECT_EQ(server_->stats().open, 0u);
  idle.clear();
  expect_real_client_served();
}

TEST_F(Hostile, TlsGarbageIsClosed) {
  start(true);
  RawClient c(server_->address(), server_->port());
  c.send(std::string("\x16\x03\x01\x00\x10garbage-garbage!", 21) + std::string(5000, '\xff'));
  EXPECT_TRUE(c.read_until_close(30s).has_value());
  RawClient plain(server_->address(), server_->port());
  plain.send("GET / HTTP/1.1\r\nHost: web.test\r\n\r\n");
  EXPECT_TRUE(plain.read_until_close(30s).has_value());
  EXPECT_EQ(handled_, 0);
  expect_real_client_served();
}

}  // namespace
}  // namespace tlsrpt::test
