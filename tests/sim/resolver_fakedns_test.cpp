// The sender's resolver against the project's own authoritative server (fakedns) on loopback:
// secure, insecure and bogus answers for each deliberate DNSSEC breakage, at the virtual time,
// and the cache that keeps a verdict for the TTL.
#include <gtest/gtest.h>

#include "fakedns/server.hpp"
#include "sim/mta/dns/resolver.hpp"

namespace tlsrpt::sim {
namespace {

constexpr UnixSeconds kNow = 1772323200;  // 2026-03-01T00:00:00Z

class FakeDns {
 public:
  explicit FakeDns(const std::string& mode, UnixSeconds signed_at = kNow) : server_(options()) {
    fakedns::Zone zone("example.test");
    zone.add_default_soa_ns()
        .add_record("@", "MX", 300, "10 mx1.example.test.")
        .add_record("mx1", "A", 300, "127.0.37.25")
        .add_record("_25._tcp.mx1", "TLSA", 300,
                    "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
        .add_record("alias", "CNAME", 300, "mx1.example.test.");
    server_.add_zone(zone, fakedns::parse_dnssec_mode(mode, signed_at));
    server_.start();
  }
  Resolver resolver(bool with_anchor = true) const {
    ResolverOptions o;
    o.server = server_.address();
    o.port = server_.port();
    o.timeout = std::chrono::milliseconds(3000);
    if (with_anchor) {
      const auto anchor = server_.trust_anchor("example.test.");
      if (!anchor.empty()) o.trust_anchors = {anchor.ds};
    }
    return Resolver(o);
  }
  fakedns::Server& server() { return server_; }

 private:
  static fakedns::ServerOptions options() {
    fakedns::ServerOptions o;
    o.address = "127.0.37.53";
    return o;
  }
  fakedns::Server server_;
};

TEST(ResolverFakeDns, SignedZoneIsSecureForAnswersAndDenials) {
  FakeDns dns("signed");
  Resolver r = dns.resolver();
  const DnsAnswer mx = r.query("example.test", "MX", kNow);
  ASSERT_EQ(mx.outcome, DnsOutcome::answer) << mx.reason;
  EXPECT_EQ(mx.security, DnssecStatus::secure) << mx.reason;
  const DnsAnswer tlsa = r.query("_25._tcp.mx1.example.test", "TLSA", kNow);
  EXPECT_EQ(tlsa.security, DnssecStatus::secure) << tlsa.reason;
  ASSERT_EQ(tlsa.rdatas.size(), 1u);
  const DnsAnswer none = r.query("_25._tcp.nope.example.test", "TLSA", kNow);
  EXPECT_EQ(none.outcome, DnsOutcome::nxdomain);
  EXPECT_EQ(none.security, DnssecStatus::secure) << none.reason;  // NSEC proves it
  const DnsAnswer nodata = r.query("mx1.example.test", "TLSA", kNow);
  EXPECT_EQ(nodata.outcome, DnsOutcome::nodata);
  EXPECT_EQ(nodata.security, DnssecStatus::secure) << nodata.reason;
}

TEST(ResolverFakeDns, CnameChainIsValidatedRrsetByRrset) {
  FakeDns dns("signed");
  Resolver r = dns.resolver();
  const DnsAnswer a = r.query("alias.example.test", "A", kNow);
  ASSERT_EQ(a.outcome, DnsOutcome::answer) << a.reason;
  EXPECT_EQ(a.security, DnssecStatus::secure) << a.reason;
  EXPECT_EQ(a.rdatas, std::vector<std::string>{"127.0.37.25"});
}

TEST(ResolverFakeDns, UnsignedZoneOrNoAnchorIsInsecure) {
  FakeDns unsigned_dns("unsigned");
  EXPECT_EQ(unsigned_dns.resolver().query("example.test", "MX", kNow).security, DnssecStatus::insecure);
  FakeDns signed_dns("signed");
  const DnsAnswer a = signed_dns.resolver(false).query("example.test", "MX", kNow);
  EXPECT_EQ(a.outcome, DnsOutcome::answer);
  EXPECT_EQ(a.security, DnssecStatus::insecure);  // never the server's AD bit
}

// Each breakage fakedns can make is bogus to the sender, with a reason, and not ok().
class Breakage : public ::testing::TestWithParam<const char*> {};

TEST_P(Breakage, IsBogusWithAReason) {
  FakeDns dns(std::string("bogus-") + GetParam());
  Resolver r = dns.resolver();
  const DnsAnswer a = r.query("_25._tcp.mx1.example.test", "TLSA", kNow);
  EXPECT_EQ(a.security, DnssecStatus::bogus) << GetParam() << ": " << to_string(a.outcome);
  EXPECT_FALSE(a.ok());
  EXPECT_FALSE(a.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(ResolverFakeDns, Breakage,
                         ::testing::Values("bad-signature", "expired-signatures", "not-yet-valid-signatures",
                                           "missing-rrsig", "ds-mismatch"));

TEST(ResolverFakeDns, SignaturesAreCheckedAtTheVirtualTime) {
  FakeDns dns("signed");  // valid from kNow - 1 h to kNow + 30 days
  Resolver r = dns.resolver();
  EXPECT_EQ(r.query("example.test", "MX", kNow).security, DnssecStatus::secure);
  Resolver later = dns.resolver();
  const DnsAnswer a = later.query("example.test", "MX", kNow + 40 * 86400);
  EXPECT_EQ(a.security, DnssecStatus::bogus);
  EXPECT_FALSE(a.reason.empty());
}

TEST(ResolverFakeDns, ALiveChangeIsSeenAfterTheTtlOnly) {
  FakeDns dns("signed");
  Resolver r = dns.resolver();
  EXPECT_EQ(r.query("example.test", "MX", kNow).rdatas, std::vector<std::string>{"10 mx1.example.test."});
  dns.server().set_rrset("example.test.", "MX", 300, {"10 mx2.example.test."});
  const DnsAnswer cached = r.query("example.test", "MX", kNow + 299);
  EXPECT_TRUE(cached.from_cache);
  EXPECT_EQ(cached.rdatas, std::vector<std::string>{"10 mx1.example.test."});
  const DnsAnswer fresh = r.query("example.test", "MX", kNow + 300);
  EXPECT_FALSE(fresh.from_cache);
  EXPECT_EQ(fresh.rdatas, std::vector<std::string>{"10 mx2.example.test."});
  EXPECT_EQ(fresh.security, DnssecStatus::secure) << fresh.reason;  // re-signed live
}

TEST(ResolverFakeDns, AServerFaultIsAnErrorNotAnAnswer) {
  FakeDns dns("signed");
  fakedns::FaultSpec fault;
  fault.kind = "servfail";
  fault.name = "example.test.";
  dns.server().add_fault(fault);
  Resolver r = dns.resolver();
  const DnsAnswer a = r.query("example.test", "MX", kNow);
  EXPECT_EQ(a.outcome, DnsOutcome::error);
  EXPECT_EQ(a.reason, "SERVFAIL");
  EXPECT_FALSE(r.query("example.test", "MX", kNow + 1).from_cache);  // errors are not cached
}

// UDP sockets are kept from one query to the next: a reply is only taken for the query it answers.
ResolverOptions quick(FakeDns& dns, int timeout_ms, int attempts) {
  ResolverOptions o;
  o.server = dns.server().address();
  o.port = dns.server().port();
  o.timeout = std::chrono::milliseconds(timeout_ms);
  o.attempts = attempts;
  return o;
}

TEST(ResolverFakeDns, AReplyWithAnotherIdIsNotTakenForTheAnswer) {
  FakeDns dns("unsigned");
  fakedns::FaultSpec fault;
  fault.kind = "wrong-id";
  fault.name = "example.test.";
  fault.count = 1;
  dns.server().add_fault(fault);
  Resolver r(quick(dns, 500, 1));
  const DnsAnswer spoofed = r.query("example.test", "MX", kNow);
  EXPECT_EQ(spoofed.outcome, DnsOutcome::error);
  EXPECT_NE(spoofed.reason.find("timeout"), std::string::npos) << spoofed.reason;
  const DnsAnswer a = r.query("example.test", "MX", kNow);  // the fault has fired once
  ASSERT_EQ(a.outcome, DnsOutcome::answer) << a.reason;
  EXPECT_EQ(a.rdatas, std::vector<std::string>{"10 mx1.example.test."});
}

TEST(ResolverFakeDns, ALateReplyIsNotTakenForTheNextQuery) {
  FakeDns dns("unsigned");
  fakedns::FaultSpec late;  // arrives after its query gave up, while the next query waits
  late.kind = "delay";
  late.name = "example.test.";
  late.count = 1;
  late.delay = std::chrono::milliseconds(2500);
  dns.server().add_fault(late);
  fakedns::FaultSpec slow = late;  // the next query's own answer comes after the late one
  slow.name = "mx1.example.test.";
  slow.delay = std::chrono::milliseconds(1200);
  dns.server().add_fault(slow);
  Resolver r(quick(dns, 2000, 1));
  const DnsAnswer timed_out = r.query("example.test", "MX", kNow);
  EXPECT_EQ(timed_out.outcome, DnsOutcome::error);
  EXPECT_NE(timed_out.reason.find("timeout"), std::string::npos) << timed_out.reason;
  const DnsAnswer a = r.query("mx1.example.test", "A", kNow);  // on the same kept socket
  ASSERT_EQ(a.outcome, DnsOutcome::answer) << a.reason;
  EXPECT_EQ(a.rdatas, std::vector<std::string>{"127.0.37.25"});
}

TEST(ResolverFakeDns, NobodyListeningIsSaidAsSuchNotAsATimeout) {
  ResolverOptions o;
  {
    FakeDns stopped("unsigned");  // its address and port, once it is gone: nothing listens there
    o = quick(stopped, 2000, 2);
  }
  Resolver r(o);
  const auto start = std::chrono::steady_clock::now();
  const DnsAnswer a = r.query("example.test", "MX", kNow);
  EXPECT_EQ(a.outcome, DnsOutcome::error);
  EXPECT_NE(a.reason.find("refused"), std::string::npos) << a.reason;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4)) << "the ICMP answer ends each attempt";
}

}  // namespace
}  // namespace tlsrpt::sim
