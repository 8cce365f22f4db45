// The HTTP(S) server base against curl: plain and TLS, SNI-selected certificates swapped live,
// keep-alive, the hang disposition, and the transport-free request parser.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "fakemx/http/request_parser.hpp"
#include "fakemx/http/server.hpp"
#include "tests/fakemx_web/test_pki.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace http = fakemx::http;

TEST(HttpRequestParser, CompleteIncompleteAndRejected) {
  http::Limits limits;
  limits.header_limit = 1024;
  limits.body_limit = 16;
  auto ok = http::parse_request("POST /x?y=1 HTTP/1.1\r\nHost: A.test:8443\r\nContent-Length: 3\r\n\r\nabc", limits);
  ASSERT_EQ(ok.status, http::ParseStatus::complete);
  EXPECT_EQ(ok.request->method, "POST");
  EXPECT_EQ(ok.request->path(), "/x");
  EXPECT_EQ(ok.request->host(), "a.test");
  EXPECT_EQ(ok.request->body, "abc");

  EXPECT_EQ(http::parse_request("GET / HTTP/1.1\r\nHost: a", limits).status, http::ParseStatus::incomplete);

  auto big_body = http::parse_request("POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n", limits);
  EXPECT_EQ(big_body.status, http::ParseStatus::rejected);
  EXPECT_EQ(big_body.reject_status, 413);

  auto big_header = http::parse_request("GET / HTTP/1.1\r\nX: " + std::string(2000, 'a') + "\r\n\r\n", limits);
  EXPECT_EQ(big_header.reject_status, 431);

  auto garbage = http::parse_request("\x16\x03\x01 hello\r\n\r\n", limits);
  EXPECT_EQ(garbage.status, http::ParseStatus::rejected);
  EXPECT_EQ(garbage.reject_status, 400);
}

struct Seen {
  std::mutex mutex;
  std::vector<http::Request> requests;
};

http::Handler recording_handler(Seen& seen) {
  return [&seen](const http::Request& r) {
    {
      std::lock_guard lock(seen.mutex);
      seen.requests.push_back(r);
    }
    if (r.path() == "/hang") return http::Response::hang();
    if (r.path() == "/throw") throw std::runtime_error("boom");
    return http::Response::text(200, "hello " + r.sni + "\n");
  };
}

TEST(HttpServer, PlainHttpWithKeepAlive) {
  if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
  Seen seen;
  http::Server server({.address = random_loopback(), .tls = false}, recording_handler(seen));
  server.start();
  ASSERT_NE(server.port(), 0);
  // Two URLs in one curl run share the connection.
  const auto r = curl("plain.test", server.port(), server.address(), "/one", {},
                      {"http://plain.test:" + std::to_string(server.port()) + "/two"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello \n\n200hello \n");  // -w writes the status after each transfer
  EXPECT_EQ(server.stats().accepted, 1u);
  EXPECT_EQ(server.stats().requests, 2u);
  std::lock_guard lock(seen.mutex);
  ASSERT_EQ(seen.requests.size(), 2u);
  EXPECT_EQ(seen.requests[0].remote_ip.rfind("127.", 0), 0u) << seen.requests[0].remote_ip;
  EXPECT_FALSE(seen.requests[0].tls);
}

TEST(HttpServer, TlsCertificateChosenBySniAndSwappedLive) {
  if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
  const auto dir = make_temp_dir("http-tls");
  TestPki ca;
  write_file(dir / "ca.pem", ca.ca_pem());
  Seen seen;
  http::Server server({.address = random_loopback()}, recording_handler(seen));
  server.set_identity("a.test", ca.identity("a.test"));
  server.set_identity("b.test", ca.identity("b.test"));
  server.start();

  for (std::string host : {"a.test", "b.test"}) {
    const auto r = curl(host, server.port(), server.address(), "/", dir / "ca.pem");
    EXPECT_EQ(r.exit_code, 0) << host << ": " << r.err;
    EXPECT_EQ(r.body, "hello " + host + "\n");
  }
  server.set_identity("a.test", ca.identity("a.test", fakemx::pki::Profile::rogue_root));
  const auto bad = curl("a.test", server.port(), server.address(), "/", dir / "ca.pem");
  EXPECT_EQ(bad.exit_code, 60) << bad.err;  // CURLE_PEER_FAILED_VERIFICATION
  EXPECT_NE(bad.err.find("certificate"), std::string::npos) << bad.err;
  const auto still_good = curl("b.test", server.port(), server.address(), "/", dir / "ca.pem");
  EXPECT_EQ(still_good.exit_code, 0) << still_good.err;
  std::filesystem::remove_all(dir);
}

TEST(HttpServer, HangHoldsUntilTheDeadlineAndHandlerErrorsAre500) {
  if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
  Seen seen;
  http::Limits limits;
  limits.hang_timeout = std::chrono::milliseconds(1500);
  http::Server server({.address = random_loopback(), .tls = false, .limits = limits}, recording_handler(seen));
  server.start();
  const auto start = std::chrono::steady_clock::now();
  const auto hung = curl("h.test", server.port(), server.address(), "/hang", {});
  EXPECT_EQ(hung.exit_code, 52) << hung.err;  // CURLE_GOT_NOTHING: closed without an answer
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1400));
  const auto thrown = curl("h.test", server.port(), server.address(), "/throw", {});
  EXPECT_EQ(thrown.status, 500);
  EXPECT_NE(thrown.body.find("boom"), std::string::npos);
}

}  // namespace
}  // namespace tlsrpt::test
