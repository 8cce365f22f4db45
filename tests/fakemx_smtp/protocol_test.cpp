// The transport-free SMTP protocol: sequences, limits, STARTTLS rules and hostile input, no sockets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fakemx/smtp/command.hpp"
#include "fakemx/smtp/protocol.hpp"

namespace smtp = tlsrpt::fakemx::smtp;
using Next = smtp::Protocol::Next;

namespace {

struct Captured {
  smtp::Envelope envelope;
  std::string message;
  int calls = 0;
};

smtp::Protocol make(Captured* captured = nullptr, smtp::StarttlsPolicy tls = {}, smtp::Limits limits = {}) {
  smtp::MessageHook hook;
  if (captured) {
    hook = [captured](const smtp::Envelope& e, std::string_view m) {
      captured->envelope = e;
      captured->message = std::string(m);
      ++captured->calls;
      return smtp::Reply{250, "2.0.0 stored"};
    };
  }
  return smtp::Protocol("mx1.example.test", limits, tls, hook, "127.0.0.1:1");
}

// Reply codes in order, from a stream of replies.
std::vector<int> codes(const std::string& out) {
  std::vector<int> result;
  std::size_t start = 0;
  while (start < out.size()) {
    const auto end = out.find("\r\n", start);
    if (end == std::string::npos) break;
    if (end - start >= 4 && out[start + 3] == ' ') result.push_back(std::stoi(out.substr(start, 3)));
    start = end + 2;
  }
  return result;
}

TEST(SmtpCommand, ParsesVerbsCaseInsensitively) {
  EXPECT_EQ(smtp::parse_command("ehlo client.test").verb, smtp::Verb::ehlo);
  EXPECT_EQ(smtp::parse_command("EHLO client.test").argument, "client.test");
  EXPECT_EQ(smtp::parse_command("StartTLS").verb, smtp::Verb::starttls);
  EXPECT_EQ(smtp::parse_command("XYZZY").verb, smtp::Verb::unknown);
  EXPECT_EQ(smtp::parse_command("").verb, smtp::Verb::unknown);
}

TEST(SmtpCommand, ParsesPathsAndSize) {
  auto p = smtp::parse_path("FROM:<a@b.test> SIZE=1000 BODY=8BITMIME", "FROM:");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->mailbox, "a@b.test");
  EXPECT_EQ(smtp::size_parameter(p->parameters), 1000u);
  EXPECT_EQ(smtp::parse_path("from: <>", "FROM:")->mailbox, "");
  EXPECT_FALSE(smtp::parse_path("FROM:a@b.test", "FROM:"));
  EXPECT_FALSE(smtp::parse_path("TO:<a@b.test>", "FROM:"));
  EXPECT_FALSE(smtp::parse_path("FROM:<a@b", "FROM:"));
  EXPECT_FALSE(smtp::size_parameter("SIZE=12x"));
}

TEST(SmtpProtocol, FullTransactionWithDotUnstuffing) {
  Captured got;
  auto p = make(&got);
  EXPECT_EQ(p.greeting(), "220 mx1.example.test ESMTP tlsrpt-lab\r\n");
  std::string out;
  EXPECT_EQ(p.feed("EHLO client.test\r\n", out), Next::read);
  EXPECT_NE(out.find("250-PIPELINING\r\n"), std::string::npos);
  EXPECT_NE(out.find("250-SIZE 10485760\r\n"), std::string::npos);
  EXPECT_NE(out.find("8BITMIME"), std::string::npos);
  EXPECT_NE(out.find("250 STARTTLS\r\n"), std::string::npos);
  out.clear();
  // Pipelined in one write, as PIPELINING allows.
  EXPECT_EQ(p.feed("MAIL FROM:<r@sender.test>\r\nRCPT TO:<tlsrpt@example.test>\r\nDATA\r\n", out), Next::read);
  EXPECT_EQ(codes(out), (std::vector<int>{250, 250, 354}));
  out.clear();
  EXPECT_EQ(p.feed("Subject: x\r\n\r\n..leading dot\r\nbody\r\n.\r\n", out), Next::read);
  EXPECT_EQ(out, "250 2.0.0 stored\r\n");
  EXPECT_EQ(got.calls, 1);
  EXPECT_EQ(got.message, "Subject: x\r\n\r\n.leading dot\r\nbody\r\n");
  EXPECT_EQ(got.envelope.mail_from, "r@sender.test");
  EXPECT_EQ(got.envelope.rcpt_to, std::vector<std::string>{"tlsrpt@example.test"});
  EXPECT_EQ(got.envelope.helo, "client.test");
  EXPECT_FALSE(got.envelope.tls);
  out.clear();
  EXPECT_EQ(p.feed("QUIT\r\n", out), Next::close);
  EXPECT_EQ(out, "221 2.0.0 Bye\r\n");
}

TEST(SmtpProtocol, HookRefusalIsPassedOnAndNotCounted) {
  auto p = smtp::Protocol("mx", {}, {}, [](const smtp::Envelope&, std::string_view) {
    return smtp::Reply{451, "4.3.0 could not store"};
  }, "peer");
  std::string out;
  p.feed("EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<a@b>\r\nDATA\r\nx\r\n.\r\n", out);
  EXPECT_EQ(codes(out).back(), 451);
  EXPECT_EQ(p.messages_accepted(), 0u);
}

TEST(SmtpProtocol, SequenceErrors) {
  auto p = make();
  std::string out;
  p.feed("MAIL FROM:<a@b>\r\nRCPT TO:<a@b>\r\nDATA\r\nHELO c\r\nVRFY x\r\nNOOP\r\nRSET\r\nBOGUS\r\n", out);
  EXPECT_EQ(codes(out), (std::vector<int>{503, 503, 503, 250, 252, 250, 250, 500}));
}

TEST(SmtpProtocol, StarttlsDiscardsPipelinedPlaintextAndRequiresEhloAgain) {
  auto p = make();
  std::string out;
  EXPECT_EQ(p.feed("EHLO c\r\nSTARTTLS\r\nMAIL FROM:<injected@evil>\r\n", out), Next::start_tls);
  EXPECT_EQ(codes(out).back(), 220);
  p.tls_established();
  EXPECT_TRUE(p.tls_active());
  out.clear();
  EXPECT_EQ(p.feed("RCPT TO:<a@b>\r\n", out), Next::read);
  EXPECT_EQ(codes(out), std::vector<int>{503});  // the injected MAIL never happened
  out.clear();
  p.feed("EHLO c\r\n", out);
  EXPECT_EQ(out.find("STARTTLS"), std::string::npos);
  out.clear();
  p.feed("STARTTLS\r\n", out);
  EXPECT_EQ(codes(out), std::vector<int>{503});
}

TEST(SmtpProtocol, StarttlsPolicies) {
  std::string out;
  auto hidden = make(nullptr, {.advertise = false, .available = true, .refuse = std::nullopt});
  hidden.feed("EHLO c\r\n", out);
  EXPECT_EQ(out.find("STARTTLS"), std::string::npos);
  out.clear();
  EXPECT_EQ(hidden.feed("STARTTLS\r\n", out), Next::read);
  EXPECT_EQ(codes(out), std::vector<int>{502});

  out.clear();
  auto refused = make(nullptr, {.advertise = true, .available = true, .refuse = smtp::Reply{454, "4.7.0 no"}});
  EXPECT_EQ(refused.feed("EHLO c\r\nSTARTTLS\r\n", out), Next::read);
  EXPECT_EQ(codes(out).back(), 454);

  out.clear();
  auto no_cert = make(nullptr, {.advertise = true, .available = false, .refuse = std::nullopt});
  EXPECT_EQ(no_cert.feed("EHLO c\r\nSTARTTLS\r\n", out), Next::read);
  EXPECT_EQ(codes(out).back(), 454);

  out.clear();
  auto args = make();
  EXPECT_EQ(args.feed("EHLO c\r\nSTARTTLS now\r\n", out), Next::read);
  EXPECT_EQ(codes(out).back(), 501);
}

TEST(SmtpProtocol, OverlongLineGetsOneReplyAndBoundedBuffer) {
  auto p = make();
  std::string out;
  const std::string chunk(64 * 1024, 'A');
  for (int i = 0; i < 16; ++i) {  // 1 MiB without a line end
    EXPECT_EQ(p.feed(chunk, out), Next::read);
    EXPECT_LE(p.buffered(), 2 * 64 * 1024u);
  }
  EXPECT_EQ(codes(out), std::vector<int>{500});
  out.clear();
  p.feed("\r\nNOOP\r\n", out);
  EXPECT_EQ(codes(out), std::vector<int>{250});
}

TEST(SmtpProtocol, NulBytesAreRejected) {
  auto p = make();
  std::string out;
  p.feed(std::string("EH\0LO c\r\n", 9), out);
  EXPECT_EQ(codes(out), std::vector<int>{500});
}

TEST(SmtpProtocol, TooManyErrorsCloseWith421) {
  smtp::Limits limits;
  limits.max_errors = 3;
  auto p = make(nullptr, {}, limits);
  std::string out;
  EXPECT_EQ(p.feed("a\r\nb\r\nc\r\nd\r\n", out), Next::close);
  EXPECT_EQ(codes(out), (std::vector<int>{500, 500, 421}));
}

TEST(SmtpProtocol, MessageSizeLimit) {
  smtp::Limits limits;
  limits.max_message = 100;
  Captured got;
  auto p = make(&got, {}, limits);
  std::string out;
  p.feed("EHLO c\r\nMAIL FROM:<a@b> SIZE=101\r\n", out);
  EXPECT_EQ(codes(out).back(), 552);
  out.clear();
  p.feed("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n", out);
  p.feed(std::string(300, 'x') + "\r\n.\r\n", out);
  EXPECT_EQ(codes(out).back(), 552);
  EXPECT_EQ(got.calls, 0);
  EXPECT_LE(p.buffered(), 200u);
}

TEST(SmtpProtocol, ByteAtATimeInputWorks) {
  Captured got;
  auto p = make(&got);
  const std::string script = "EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nhello\r\n.\r\n";
  std::string out;
  for (char c : script) p.feed(std::string_view(&c, 1), out);
  EXPECT_EQ(got.calls, 1);
  EXPECT_EQ(got.message, "hello\r\n");
}

}  // namespace
