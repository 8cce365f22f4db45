// Live changes while the server answers: records swapped, removed and re-signed without a restart,
// seen by dig and by a validating unbound; TCP deadlines and the connection limit hold.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "tests/fakedns/dns_fixture.hpp"
#include "tests/fakedns/unbound_resolver.hpp"

namespace tlsrpt::test {
namespace {

using ::testing::HasSubstr;
namespace asio = boost::asio;

TEST(LiveChangeTest, RecordsChangeWhileServing) {
  if (!have_program("dig")) GTEST_SKIP() << "dig is not installed";
  auto server = start_server();
  server->set_rrset("example.test.", "MX", 300, {"10 mx2.example.test."});
  EXPECT_EQ(lines(dig(*server, {"+noall", "+answer", "example.test", "MX"}).out),
            std::vector<std::string>{"example.test. 300 IN MX 10 mx2.example.test."});
  server->add_record({"mx3.example.test.", "A", 60, "127.0.0.27"});
  EXPECT_THAT(dig(*server, {"+short", "mx3.example.test", "A"}).out, HasSubstr("127.0.0.27"));
  EXPECT_EQ(server->remove_rrset("mx3.example.test.", "A"), 1u);
  EXPECT_EQ(dig_status(dig(*server, {"mx3.example.test", "A"}).out), "NXDOMAIN");
  EXPECT_THROW(server->add_record({"mx4.elsewhere.test.", "A", 60, "127.0.0.1"}), std::invalid_argument);
  EXPECT_THROW(server->set_rrset("mx1.example.test.", "A", 60, {"bad"}), std::invalid_argument);
  EXPECT_THAT(dig(*server, {"+short", "mx1.example.test", "A"}).out, HasSubstr("127.0.0.25"));
}

TEST(LiveChangeTest, ChangesAreReSignedAndStillValidate) {
  if (!have_program("unbound") || !have_program("dig")) GTEST_SKIP() << "unbound or dig is not installed";
  auto server = start_server(fakedns::parse_dnssec_mode("signed"));
  UnboundResolver unbound(*server);
  server->set_rrset("_25._tcp.mx1.example.test.", "TLSA", 300,
                    {"3 1 1 fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"});
  const auto r = unbound.dig("_25._tcp.mx1.example.test", "TLSA");
  EXPECT_TRUE(dig_flag(r.out, "ad")) << r.out << unbound.log();
  EXPECT_THAT(r.out, HasSubstr("FEDCBA9876543210"));
  // A breakage can start mid-run, too.
  server->set_dnssec("example.test.", fakedns::parse_dnssec_mode("bogus-bad-signature:mx2.example.test/A"));
  EXPECT_EQ(dig_status(unbound.dig("mx2.example.test", "A").out), "SERVFAIL");
}

TEST(TcpLimitsTest, SlowAndSilentClientsAreCutOffAndTheLimitHolds) {
  fakedns::ServerOptions options;
  options.tcp_idle_timeout = std::chrono::milliseconds(300);
  options.tcp_message_timeout = std::chrono::milliseconds(300);
  options.max_tcp_connections = 50;
  auto server = start_server({}, options);
  asio::io_context io;
  const asio::ip::tcp::endpoint ep(asio::ip::make_address(server->address()), server->port());

  // A 64 KiB length prefix and then nothing: the server closes the connection at its deadline.
  asio::ip::tcp::socket liar(io);
  liar.connect(ep);
  const std::uint8_t prefix[2] = {0xFF, 0xFF};
  asio::write(liar, asio::buffer(prefix));
  std::uint8_t byte = 0;
  boost::system::error_code ec;
  asio::read(liar, asio::buffer(&byte, 1), ec);  // returns when the server closes it
  EXPECT_EQ(ec, asio::error::eof);

  // Many more connections than the limit: the extra ones are closed, the server keeps answering.
  std::vector<asio::ip::tcp::socket> crowd;
  for (int i = 0; i < 300; ++i) {
    crowd.emplace_back(io);
    crowd.back().connect(ep, ec);
  }
  if (have_program("dig")) {
    EXPECT_THAT(dig(*server, {"+short", "mx1.example.test", "A"}).out, HasSubstr("127.0.0.25"));
  }
  crowd.clear();
  if (have_program("dig")) {
    EXPECT_THAT(dig(*server, {"+tcp", "+short", "mx1.example.test", "A"}).out, HasSubstr("127.0.0.25"));
  }
}

}  // namespace
}  // namespace tlsrpt::test
