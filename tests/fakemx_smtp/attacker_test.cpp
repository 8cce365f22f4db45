// The on-path attacker: its filter without sockets, then the real proxy in front of a real fake MX,
// driven by swaks ("Host did not advertise STARTTLS") and openssl s_client.
#include <gtest/gtest.h>

#include "fakemx/attacker/attacker.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/run_process.hpp"

namespace {

namespace atk = tlsrpt::fakemx::attacker;
using atk::AttackMode;
using tlsrpt::test::ProcessResult;

const std::string kEhloReply =
    "250-mx1.example.test greets c\r\n250-PIPELINING\r\n250-SIZE 100\r\n250-STARTTLS\r\n250 8BITMIME\r\n";

std::string server_to_client(AttackMode mode, const std::string& bytes) {
  atk::StarttlsFilter f(mode);
  atk::StarttlsFilter::Output out;
  f.from_server(bytes, out);
  return out.to_client;
}

TEST(StarttlsFilter, StripRemovesTheLineAndKeepsTheReplyWellFormed) {
  EXPECT_EQ(server_to_client(AttackMode::strip_starttls, kEhloReply),
            "250-mx1.example.test greets c\r\n250-PIPELINING\r\n250-SIZE 100\r\n250 8BITMIME\r\n");
  // STARTTLS as the last line: the line before becomes the last.
  EXPECT_EQ(server_to_client(AttackMode::strip_starttls, "250-mx greets c\r\n250-8BITMIME\r\n250 STARTTLS\r\n"),
            "250-mx greets c\r\n250 8BITMIME\r\n");
}

TEST(StarttlsFilter, RewriteKeepsLengthAndPassThroughKeepsEverything) {
  const auto rewritten = server_to_client(AttackMode::rewrite_starttls, kEhloReply);
  EXPECT_NE(rewritten.find("250-XXXXXXXX\r\n"), std::string::npos);
  EXPECT_EQ(rewritten.size(), kEhloReply.size());
  EXPECT_EQ(server_to_client(AttackMode::pass_through, kEhloReply), kEhloReply);
  EXPECT_EQ(server_to_client(AttackMode::answer_454, kEhloReply), kEhloReply);
}

TEST(StarttlsFilter, SplitAcrossReadsStillStrips) {
  atk::StarttlsFilter f(AttackMode::strip_starttls);
  atk::StarttlsFilter::Output out;
  for (char c : kEhloReply) f.from_server(std::string_view(&c, 1), out);
  EXPECT_EQ(out.to_client.find("STARTTLS"), std::string::npos);
  EXPECT_TRUE(f.tampered());
}

TEST(StarttlsFilter, ClientStarttlsHandling) {
  {
    atk::StarttlsFilter f(AttackMode::answer_454);
    atk::StarttlsFilter::Output out;
    f.from_client("EHLO c\r\nSTARTTLS\r\n", out);
    EXPECT_EQ(out.to_server, "EHLO c\r\n");
    EXPECT_EQ(out.to_client, "454 4.7.0 TLS not available due to temporary reason\r\n");
  }
  {
    atk::StarttlsFilter f(AttackMode::drop_after_starttls);
    atk::StarttlsFilter::Output out;
    f.from_client("STARTTLS\r\n", out);
    EXPECT_TRUE(out.close);
    EXPECT_TRUE(out.to_server.empty());
  }
  {
    atk::StarttlsFilter f(AttackMode::pass_through);
    atk::StarttlsFilter::Output out;
    f.from_client(std::string("STARTTLS\r\n\x16\x03\x01", 13), out);
    EXPECT_TRUE(f.transparent());
    EXPECT_EQ(out.to_server, std::string("STARTTLS\r\n\x16\x03\x01", 13));
  }
  {  // "STARTTLS" inside a message body is data, not a command
    atk::StarttlsFilter f(AttackMode::answer_454);
    atk::StarttlsFilter::Output out;
    f.from_client("DATA\r\nSTARTTLS\r\n.\r\n", out);
    EXPECT_EQ(out.to_server, "DATA\r\nSTARTTLS\r\n.\r\n");
    EXPECT_TRUE(out.to_client.empty());
  }
}

TEST(StarttlsFilter, ModeNamesRoundTrip) {
  for (const auto& name : atk::mode_names()) EXPECT_EQ(atk::mode_name(*atk::parse_mode(name)), name);
  EXPECT_FALSE(atk::parse_mode("nope"));
}

class AttackerTest : public tlsrpt::fakemx::test::MxFixture {
 protected:
  void SetUp() override {
    if (!tlsrpt::test::have_program("swaks")) GTEST_SKIP() << "swaks is not installed";
    mx_.emplace(add_host("mx1.example.test"));
  }

  std::unique_ptr<atk::Attacker> attacker(AttackMode mode) {
    atk::AttackerConfig c;
    c.listen_address = tlsrpt::fakemx::test::random_loopback();
    c.upstream_address = mx_->address();
    c.upstream_port = mx_->port();
    c.mode = mode;
    return std::make_unique<atk::Attacker>(c);
  }

  ProcessResult swaks_tls(const atk::Attacker& a) {
    return tlsrpt::test::run_process({"swaks", "--server", a.address(), "--port", std::to_string(a.port()),
                                      "--to", "postmaster@example.test", "--from", "t@sender.test", "--tls",
                                      "--timeout", "30"},
                                     {}, std::chrono::seconds(90));
  }

  std::optional<tlsrpt::fakemx::smtp::MxHost> mx_;
};

std::string both(const ProcessResult& r) { return r.out + r.err; }

TEST_F(AttackerTest, StripMakesSwaksReportNoStarttls) {
  auto a = attacker(AttackMode::strip_starttls);
  auto r = swaks_tls(*a);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(both(r).find("Host did not advertise STARTTLS"), std::string::npos) << both(r);
  EXPECT_EQ(a->stats().tampered, 1u);
  EXPECT_EQ(mx_->stats().tls_handshakes, 0u);
}

TEST_F(AttackerTest, RewriteAlsoHidesStarttls) {
  auto a = attacker(AttackMode::rewrite_starttls);
  auto r = swaks_tls(*a);
  EXPECT_NE(both(r).find("Host did not advertise STARTTLS"), std::string::npos) << both(r);
  EXPECT_NE(both(r).find("XXXXXXXX"), std::string::npos) << both(r);
}

TEST_F(AttackerTest, Answer454ComesFromTheAttackerNotTheMx) {
  auto a = attacker(AttackMode::answer_454);
  auto r = swaks_tls(*a);
  EXPECT_NE(both(r).find("<** 454 4.7.0 TLS not available"), std::string::npos) << both(r);
  EXPECT_EQ(mx_->stats().tls_handshakes, 0u);
}

TEST_F(AttackerTest, DropAfterStarttlsCutsTheConnection) {
  auto a = attacker(AttackMode::drop_after_starttls);
  auto r = swaks_tls(*a);
  EXPECT_NE(r.exit_code, 0) << both(r);
  EXPECT_EQ(both(r).find("TLS started"), std::string::npos) << both(r);
}

TEST_F(AttackerTest, PassThroughRelaysARealTlsSessionAndModeChangesLive) {
  auto a = attacker(AttackMode::pass_through);
  auto r = swaks_tls(*a);
  EXPECT_EQ(r.exit_code, 0) << both(r);
  EXPECT_NE(both(r).find("TLS started"), std::string::npos) << both(r);
  EXPECT_EQ(mx_->stats().tls_handshakes, 1u);
  EXPECT_EQ(mx_->stats().messages, 1u);

  a->set_mode(AttackMode::strip_starttls);
  EXPECT_NE(both(swaks_tls(*a)).find("Host did not advertise STARTTLS"), std::string::npos);
}

TEST_F(AttackerTest, StopAndStartOnTheSamePort) {
  auto a = attacker(AttackMode::strip_starttls);
  const auto port = a->port();
  a->stop();
  EXPECT_FALSE(a->running());
  auto refused = swaks_tls(*a);
  EXPECT_NE(both(refused).find("Connection refused"), std::string::npos) << both(refused);
  a->start();
  EXPECT_EQ(a->port(), port);
  EXPECT_NE(both(swaks_tls(*a)).find("Host did not advertise STARTTLS"), std::string::npos);
}

TEST_F(AttackerTest, UnreachableMxIsCountedAndTheClientCut) {
  atk::AttackerConfig c;
  c.listen_address = tlsrpt::fakemx::test::random_loopback();
  c.upstream_address = tlsrpt::fakemx::test::random_loopback();
  c.upstream_port = 9;  // nothing listens there
  atk::Attacker a(c);
  auto r = swaks_tls(a);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(a.stats().upstream_failures, 1u);
}

}  // namespace
