// The server answered by real clients: dig (BIND), kdig (Knot) and drill (ldns), over UDP and TCP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakedns/dns_fixture.hpp"

namespace tlsrpt::test {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class DigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("dig")) GTEST_SKIP() << "dig (bind9-dnsutils) is not installed";
    server_ = start_server();
  }
  ProcessResult query(std::vector<std::string> args) {
    auto r = dig(*server_, args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r;
  }
  std::unique_ptr<fakedns::Server> server_;
};

TEST_F(DigTest, AnswersWithDataAndTheAuthoritativeFlagOverUdpAndTcp) {
  for (const char* transport : {"+notcp", "+tcp"}) {
    const auto r = query({transport, "mx1.example.test", "A"});
    EXPECT_EQ(dig_status(r.out), "NOERROR") << transport;
    EXPECT_TRUE(dig_flag(r.out, "aa")) << r.out;
    EXPECT_TRUE(dig_flag(r.out, "qr"));
    EXPECT_FALSE(dig_flag(r.out, "tc"));
    const auto answer = lines(query({transport, "+noall", "+answer", "mx1.example.test", "A"}).out);
    EXPECT_THAT(answer, Contains("mx1.example.test. 300 IN A 127.0.0.25")) << transport;
  }
}

TEST_F(DigTest, ServesEveryRecordTypeTheHarnessNeeds) {
  EXPECT_THAT(lines(query({"+noall", "+answer", "example.test", "MX"}).out),
              Contains("example.test. 300 IN MX 20 mx2.example.test."));
  EXPECT_THAT(lines(query({"+noall", "+answer", "mx1.example.test", "AAAA"}).out),
              Contains("mx1.example.test. 300 IN AAAA ::1"));
  EXPECT_THAT(lines(query({"+noall", "+answer", "_smtp._tls.example.test", "TXT"}).out),
              Contains("_smtp._tls.example.test. 300 IN TXT \"v=TLSRPTv1; \" \"rua=mailto:tlsrpt@example.test\""));
  const auto tlsa = query({"+noall", "+answer", "_25._tcp.mx1.example.test", "TLSA"}).out;
  EXPECT_THAT(tlsa, HasSubstr("TLSA\t3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01234567"));
  EXPECT_THAT(lines(query({"+noall", "+answer", "example.test", "SOA"}).out)[0],
              HasSubstr("example.test. 3600 IN SOA ns1.example.test. hostmaster.example.test. 1"));
  EXPECT_THAT(lines(query({"+noall", "+answer", "example.test", "NS"}).out),
              Contains("example.test. 3600 IN NS ns1.example.test."));
}

TEST_F(DigTest, NxdomainAndNodataCarryTheSoaInAuthority) {
  const auto nx = query({"nope.example.test", "A"});
  EXPECT_EQ(dig_status(nx.out), "NXDOMAIN");
  EXPECT_TRUE(dig_flag(nx.out, "aa"));
  EXPECT_THAT(nx.out, HasSubstr("AUTHORITY: 1"));
  EXPECT_THAT(lines(query({"+noall", "+authority", "nope.example.test", "A"}).out)[0],
              HasSubstr("example.test. 300 IN SOA ns1.example.test."));  // TTL = SOA minimum

  const auto nodata = query({"mx1.example.test", "TXT"});
  EXPECT_EQ(dig_status(nodata.out), "NOERROR");
  EXPECT_THAT(nodata.out, HasSubstr("ANSWER: 0, AUTHORITY: 1"));

  // An empty non-terminal exists: NODATA, not NXDOMAIN.
  const auto ent = query({"_tcp.mx1.example.test", "A"});
  EXPECT_EQ(dig_status(ent.out), "NOERROR");
  EXPECT_THAT(ent.out, HasSubstr("ANSWER: 0, AUTHORITY: 1"));
}

TEST_F(DigTest, FollowsCnameChainsInsideTheZone) {
  const auto chain = lines(query({"+noall", "+answer", "www.example.test", "A"}).out);
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0], "www.example.test. 300 IN CNAME web.example.test.");
  EXPECT_EQ(chain[1], "web.example.test. 300 IN CNAME mx1.example.test.");
  EXPECT_EQ(chain[2], "mx1.example.test. 300 IN A 127.0.0.25");
  // A chain that leaves the zone ends with the CNAME; the resolver follows it.
  EXPECT_EQ(lines(query({"+noall", "+answer", "away.example.test", "A"}).out),
            std::vector<std::string>{"away.example.test. 300 IN CNAME mx.elsewhere.test."});
  // Asking for the CNAME itself does not follow it.
  EXPECT_EQ(lines(query({"+noall", "+answer", "www.example.test", "CNAME"}).out).size(), 1u);
}

TEST_F(DigTest, PreservesTheCaseOfTheQuestion) {
  const auto r = query({"+noall", "+question", "+answer", "Mx1.ExAmple.TEST", "A"});
  EXPECT_THAT(r.out, HasSubstr(";Mx1.ExAmple.TEST."));
  EXPECT_THAT(lines(r.out), Contains("Mx1.ExAmple.TEST. 300 IN A 127.0.0.25"));
}

TEST_F(DigTest, RefusesNamesOutsideItsZones) {
  EXPECT_EQ(dig_status(query({"example.org", "A"}).out), "REFUSED");
  EXPECT_EQ(dig_status(query({"-c", "CH", "version.bind", "TXT"}).out), "REFUSED");
}

TEST_F(DigTest, Edns0EchoesOptAndTheDoBit) {
  const auto r = query({"+edns=0", "+dnssec", "mx1.example.test", "A"});
  EXPECT_THAT(r.out, HasSubstr("; EDNS: version: 0, flags: do; udp: 1232"));
  const auto plain = query({"+noedns", "mx1.example.test", "A"});
  EXPECT_THAT(plain.out, ::testing::Not(HasSubstr("OPT PSEUDOSECTION")));
  const auto badvers = query({"+edns=1", "+noednsnegotiation", "mx1.example.test", "A"});
  EXPECT_EQ(dig_status(badvers.out), "BADVERS");
}

TEST_F(DigTest, TruncatesWhatDoesNotFitAndAnswersInFullOverTcp) {
  const auto udp = query({"+noedns", "+ignore", "big.example.test", "TXT"});
  EXPECT_TRUE(dig_flag(udp.out, "tc")) << udp.out;
  EXPECT_THAT(udp.out, HasSubstr("ANSWER: 0"));
  // Without +ignore dig retries over TCP by itself, as a resolver does.
  const auto retried = query({"+noedns", "big.example.test", "TXT"});
  EXPECT_THAT(retried.out, HasSubstr("Truncated, retrying in TCP mode"));
  EXPECT_THAT(retried.out, HasSubstr("ANSWER: 12"));
  // With a large enough EDNS buffer it fits in UDP.
  const auto edns = query({"+bufsize=1232", "+ignore", "big.example.test", "TXT"});
  EXPECT_FALSE(dig_flag(edns.out, "tc"));
  EXPECT_THAT(edns.out, HasSubstr("ANSWER: 12"));
}

TEST_F(DigTest, ServesSeveralZonesAtOnce) {
  fakedns::Zone reports("reports.test");
  reports.add_default_soa_ns().add_record("@", "MX", 300, "10 sink.reports.test.").add_record("sink", "A", 300,
                                                                                                 "127.0.0.99");
  server_->add_zone(reports);
  EXPECT_THAT(lines(query({"+noall", "+answer", "sink.reports.test", "A"}).out),
              Contains("sink.reports.test. 300 IN A 127.0.0.99"));
  EXPECT_THAT(lines(query({"+noall", "+answer", "mx2.example.test", "A"}).out),
              Contains("mx2.example.test. 300 IN A 127.0.0.26"));
}

TEST(KdigDrillTest, OtherClientsAgree) {
  if (!have_program("kdig") || !have_program("drill")) GTEST_SKIP() << "kdig or drill is not installed";
  auto server = start_server();
  for (const char* transport : {"+notcp", "+tcp"}) {
    const auto r = kdig(*server, {transport, "mx1.example.test", "A"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(dig_status(r.out), "NOERROR");
    EXPECT_TRUE(dig_flag(r.out, "aa"));
    EXPECT_THAT(r.out, HasSubstr("127.0.0.25"));
  }
  const auto nx = kdig(*server, {"+tcp", "missing.example.test", "MX"});
  EXPECT_EQ(dig_status(nx.out), "NXDOMAIN");

  for (const bool tcp : {false, true}) {
    std::vector<std::string> argv{"drill", "-p", std::to_string(server->port())};
    if (tcp) argv.push_back("-t");
    argv.insert(argv.end(), {"@" + server->address(), "_25._tcp.mx1.example.test", "TLSA"});
    const auto d = run_process(argv, {}, std::chrono::seconds(30));
    ASSERT_EQ(d.exit_code, 0) << d.out << d.err;
    EXPECT_THAT(d.out, HasSubstr("rcode: NOERROR"));
    EXPECT_THAT(d.out, HasSubstr("flags: qr aa rd"));
    EXPECT_THAT(d.out, HasSubstr("TLSA\t3 1 1 0123456789abcdef"));
  }
}

}  // namespace
}  // namespace tlsrpt::test
