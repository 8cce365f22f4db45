// DNSSEC checked by independent validators: drill -S chases good names to our key and reports the
// broken ones; unbound as a validating resolver sets AD for good names and SERVFAILs every breakage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakedns/dns_fixture.hpp"
#include "tests/fakedns/unbound_resolver.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

fakedns::DnssecOptions mode(const std::string& m) { return fakedns::parse_dnssec_mode(m); }

TEST(DnssecAnswerTest, ServesSignaturesAndDenialOnlyWhenDnssecOkIsSet) {
  if (!have_program("dig")) GTEST_SKIP() << "dig is not installed";
  auto server = start_server(mode("signed"));
  const auto with = dig(*server, {"+dnssec", "+noall", "+answer", "mx1.example.test", "A"});
  EXPECT_THAT(with.out, HasSubstr("RRSIG\tA 13 3 300"));
  const auto without = dig(*server, {"+noall", "+answer", "mx1.example.test", "A"});
  EXPECT_THAT(without.out, Not(HasSubstr("RRSIG")));
  const auto keys = dig(*server, {"+dnssec", "+noall", "+answer", "example.test", "DNSKEY"});
  EXPECT_THAT(keys.out, HasSubstr("DNSKEY\t257 3 13"));
  EXPECT_THAT(keys.out, HasSubstr("DNSKEY\t256 3 13"));
  const auto nx = dig(*server, {"+dnssec", "+noall", "+authority", "nope.example.test", "A"});
  EXPECT_THAT(nx.out, HasSubstr("NSEC\t"));
  EXPECT_THAT(nx.out, HasSubstr("RRSIG\tNSEC"));
  const auto anchor = server->trust_anchor("example.test");
  EXPECT_THAT(anchor.ds, HasSubstr("example.test. 3600 IN DS "));
  EXPECT_THAT(anchor.ds, HasSubstr(" 13 2 "));
  EXPECT_THAT(anchor.dnskey, HasSubstr("IN DNSKEY 257 3 13 "));
}

class DrillChaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("drill")) GTEST_SKIP() << "drill (ldnsutils) is not installed";
  }
  ProcessResult chase(const fakedns::Server& server, const std::string& name, const std::string& type) {
    const auto dir = make_temp_dir("drill");
    server.write_trust_anchor_file(dir / "anchor");
    auto r = run_process({"drill", "-S", "-k", (dir / "anchor").string(), "-p", std::to_string(server.port()),
                          "@" + server.address(), name, type},
                         {}, std::chrono::seconds(60));
    std::filesystem::remove_all(dir);
    return r;
  }
};

TEST_F(DrillChaseTest, GoodNamesChaseToTheTrustAnchor) {
  auto server = start_server(mode("signed"));
  for (const char* type : {"A", "MX"}) {
    const auto name = std::string(type) == "MX" ? "example.test" : "mx1.example.test";
    const auto r = chase(*server, name, type);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("Chase successful")) << r.out << r.err;
  }
}

TEST_F(DrillChaseTest, BogusSignaturesAreReported) {
  auto server = start_server(mode("bogus-bad-signature:mx1.example.test/A"));
  const auto r = chase(*server, "mx1.example.test", "A");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.out + r.err, HasSubstr("Bogus DNSSEC signature")) << r.out << r.err;
}

TEST_F(DrillChaseTest, ExpiredSignaturesAreReported) {
  auto server = start_server(mode("bogus-expired-signatures"));
  const auto r = chase(*server, "mx1.example.test", "A");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("Chase successful")));
}

class UnboundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("unbound") || !have_program("dig")) GTEST_SKIP() << "unbound or dig is not installed";
  }
};

TEST_F(UnboundTest, GoodNamesValidateWithAd) {
  auto server = start_server(mode("signed"));
  UnboundResolver unbound(*server);
  for (const auto& [name, type] : std::vector<std::pair<std::string, std::string>>{
           {"mx1.example.test", "A"}, {"_25._tcp.mx1.example.test", "TLSA"}, {"www.example.test", "A"},
           {"_smtp._tls.example.test", "TXT"}}) {
    const auto r = unbound.dig(name, type);
    EXPECT_EQ(dig_status(r.out), "NOERROR") << name << r.out << unbound.log();
    EXPECT_TRUE(dig_flag(r.out, "ad")) << name << r.out;
  }
  // Authenticated denial: NXDOMAIN and NODATA validate too.
  const auto nx = unbound.dig("nope.example.test", "A");
  EXPECT_EQ(dig_status(nx.out), "NXDOMAIN") << nx.out << unbound.log();
  EXPECT_TRUE(dig_flag(nx.out, "ad")) << nx.out;
  const auto nodata = unbound.dig("mx1.example.test", "TXT");
  EXPECT_EQ(dig_status(nodata.out), "NOERROR");
  EXPECT_TRUE(dig_flag(nodata.out, "ad")) << nodata.out;
}

struct BogusCase {
  const char* mode;
  const char* name;  // a name that must come back SERVFAIL
  const char* type;
  const char* still_good_name;  // "" or a name that still validates
};

class UnboundBogusTest : public UnboundTest, public ::testing::WithParamInterface<BogusCase> {};

TEST_P(UnboundBogusTest, BreakageIsServfail) {
  const BogusCase& c = GetParam();
  auto server = start_server(mode(c.mode));
  UnboundResolver unbound(*server);
  const auto r = unbound.dig(c.name, c.type);
  EXPECT_EQ(dig_status(r.out), "SERVFAIL") << c.mode << r.out << unbound.log();
  if (*c.still_good_name) {
    const auto good = unbound.dig(c.still_good_name, "A");
    EXPECT_EQ(dig_status(good.out), "NOERROR") << good.out;
    EXPECT_TRUE(dig_flag(good.out, "ad")) << good.out;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Breakages, UnboundBogusTest,
    ::testing::Values(BogusCase{"bogus-bad-signature:_25._tcp.mx1.example.test/TLSA", "_25._tcp.mx1.example.test",
                                "TLSA", "mx1.example.test"},
                      BogusCase{"bogus-expired-signatures", "mx1.example.test", "A", ""},
                      BogusCase{"bogus-not-yet-valid-signatures", "mx1.example.test", "A", ""},
                      BogusCase{"bogus-missing-rrsig:mx1.example.test/A", "mx1.example.test", "A",
                                "mx2.example.test"},
                      BogusCase{"bogus-ds-mismatch", "mx1.example.test", "A", ""}),
    [](const auto& test_case) {
      std::string n = test_case.param.mode;
      n = n.substr(0, n.find(':'));
      for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST_F(UnboundTest, UnsignedZoneIsInsecureNotBogus) {
  auto server = start_server(mode("bogus-unsigned"));
  EXPECT_TRUE(server->trust_anchor("example.test").empty());
  // Another zone on the same server is signed, so unbound validates there and not here.
  fakedns::Zone reports("reports.test");
  reports.add_default_soa_ns().add_record("sink", "A", 300, "127.0.0.99");
  server->add_zone(reports, mode("signed"));
  UnboundResolver unbound(*server);
  const auto r = unbound.dig("mx1.example.test", "A");
  EXPECT_EQ(dig_status(r.out), "NOERROR") << r.out << unbound.log();
  EXPECT_FALSE(dig_flag(r.out, "ad"));
  const auto signed_zone = unbound.dig("sink.reports.test", "A");
  EXPECT_TRUE(dig_flag(signed_zone.out, "ad")) << signed_zone.out << unbound.log();
}

}  // namespace
}  // namespace tlsrpt::test
