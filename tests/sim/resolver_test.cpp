// The sender's resolver against a real authoritative server (NSD) serving an ldns-signzone zone.
#include "sim/mta/dns/resolver.hpp"

#include <gtest/gtest.h>

#include <ctime>

#include "tests/support/nsd_zone.hpp"

namespace tlsrpt::sim {
namespace {

std::string zone_text() {
  std::string big;  // a TXT RRset too large for a 1232-byte UDP reply: forces TC and TCP
  for (int i = 0; i < 12; ++i) big += "big IN TXT \"" + std::string(200, static_cast<char>('a' + i)) + "\"\n";
  return "$ORIGIN example.test.\n$TTL 300\n"
         "@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n"
         "@ IN NS ns1\nns1 IN A 127.0.0.1\n"
         "@ IN MX 20 mx2\n@ IN MX 10 mx1\n"
         "mx1 IN A 127.0.0.25\nmx2 IN A 127.0.0.26\n"
         "_mta-sts IN TXT \"v=STSv1; \" \"id=2026\"\n"
         "_25._tcp.mx1 IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" +
         big;
}

class ResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::NsdZone::available()) GTEST_SKIP() << "nsd, ldnsutils or dig not installed";
    nsd_ = std::make_unique<test::NsdZone>("example.test", zone_text());
    ASSERT_TRUE(nsd_->running()) << nsd_->error();
  }
  Resolver make(bool with_anchor) {
    ResolverOptions o;
    o.server = "127.0.0.1";
    o.port = nsd_->port();
    o.timeout = std::chrono::milliseconds(3000);
    if (with_anchor) o.trust_anchors = {nsd_->ds()};
    return Resolver(o);
  }
  UnixSeconds now() const { return static_cast<UnixSeconds>(std::time(nullptr)); }
  std::unique_ptr<test::NsdZone> nsd_;
};

TEST_F(ResolverTest, SignedMxIsSecureAndSortedByPreference) {
  Resolver r = make(true);
  DnsAnswer a = r.query("example.test", "MX", now());
  ASSERT_EQ(a.outcome, DnsOutcome::answer) << a.reason;
  EXPECT_EQ(a.security, DnssecStatus::secure) << a.reason;
  auto mx = parse_mx(a.rdatas);
  ASSERT_EQ(mx.size(), 2u);
  EXPECT_EQ(mx[0].host, "mx1.example.test");
  EXPECT_EQ(mx[1].preference, 20);
  EXPECT_FALSE(a.from_cache);
  EXPECT_TRUE(r.query("EXAMPLE.test.", "MX", now() + 10).from_cache);
  EXPECT_FALSE(r.query("example.test", "MX", now() + 301).from_cache);  // TTL 300 on the virtual clock
}

TEST_F(ResolverTest, WithoutAnchorEverythingIsInsecure) {
  Resolver r = make(false);
  DnsAnswer a = r.query("mx1.example.test", "A", now());
  ASSERT_EQ(a.outcome, DnsOutcome::answer);
  EXPECT_EQ(a.security, DnssecStatus::insecure);
  EXPECT_EQ(a.rdatas, std::vector<std::string>{"127.0.0.25"});
}

TEST_F(ResolverTest, SignaturesExpiredAtTheVirtualTimeAreBogus) {
  Resolver r = make(true);
  DnsAnswer a = r.query("example.test", "MX", now() + 90 * 86400);
  EXPECT_EQ(a.security, DnssecStatus::bogus);
  EXPECT_FALSE(a.ok());
  EXPECT_FALSE(a.reason.empty());
}

TEST_F(ResolverTest, WrongAnchorIsBogus) {
  ResolverOptions o;
  o.port = nsd_->port();
  o.trust_anchors = {"example.test. 3600 IN DS 1 13 2 "
                     "0000000000000000000000000000000000000000000000000000000000000000"};
  Resolver r(o);
  DnsAnswer a = r.query("example.test", "MX", now());
  EXPECT_EQ(a.security, DnssecStatus::bogus);
  EXPECT_NE(a.reason.find("trust anchor"), std::string::npos) << a.reason;
}

TEST_F(ResolverTest, SecureDenialOfExistence) {
  Resolver r = make(true);
  DnsAnswer nx = r.query("nope.example.test", "A", now());
  EXPECT_EQ(nx.outcome, DnsOutcome::nxdomain);
  EXPECT_EQ(nx.security, DnssecStatus::secure) << nx.reason;
  DnsAnswer nodata = r.query("_25._tcp.mx2.example.test", "TLSA", now());
  EXPECT_EQ(nodata.outcome, DnsOutcome::nxdomain);
  DnsAnswer nodata2 = r.query("mx1.example.test", "TLSA", now());
  EXPECT_EQ(nodata2.outcome, DnsOutcome::nodata);
  EXPECT_EQ(nodata2.security, DnssecStatus::secure) << nodata2.reason;
}

TEST_F(ResolverTest, TxtStringsAndTlsaRdata) {
  Resolver r = make(true);
  DnsAnswer t = r.query("_mta-sts.example.test", "TXT", now());
  ASSERT_EQ(t.txt.size(), 1u);
  EXPECT_EQ(t.txt[0], (std::vector<std::string>{"v=STSv1; ", "id=2026"}));
  DnsAnswer tlsa = r.query("_25._tcp.mx1.example.test", "TLSA", now());
  ASSERT_EQ(tlsa.rdatas.size(), 1u);
  EXPECT_EQ(tlsa.security, DnssecStatus::secure);
  EXPECT_TRUE(tlsa.rdatas[0].starts_with("3 1 1 ")) << tlsa.rdatas[0];
}

TEST_F(ResolverTest, TruncatedUdpFallsBackToTcp) {
  Resolver r = make(true);
  DnsAnswer a = r.query("big.example.test", "TXT", now());
  ASSERT_EQ(a.outcome, DnsOutcome::answer) << a.reason;
  EXPECT_EQ(a.txt.size(), 12u);
  EXPECT_EQ(a.security, DnssecStatus::secure) << a.reason;
}

TEST(Resolver, SilentServerTimesOutWithinTheDeadline) {
  ResolverOptions o;
  o.server = "127.0.0.1";
  o.port = 9;  // discard: nothing answers DNS there
  o.timeout = std::chrono::milliseconds(200);
  o.attempts = 2;
  Resolver r(o);
  const auto start = std::chrono::steady_clock::now();
  DnsAnswer a = r.query("example.test", "MX", 0);
  EXPECT_EQ(a.outcome, DnsOutcome::error);
  EXPECT_FALSE(a.reason.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(Resolver, BadOptionsAreClearErrors) {
  ResolverOptions o;
  o.trust_anchors = {"not a record"};
  EXPECT_THROW(Resolver{o}, std::invalid_argument);
  ResolverOptions o2;
  o2.server = "not-an-ip";
  EXPECT_THROW(Resolver{o2}, std::invalid_argument);
  EXPECT_EQ(parse_mx({"x", "5 b.test.", "1 A.test"}).at(0).host, "a.test");
}

}  // namespace
}  // namespace tlsrpt::sim
