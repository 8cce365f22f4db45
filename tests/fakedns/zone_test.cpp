// Zones as data: the builder API, the zone file loader and their errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fakedns/dnssec.hpp"
#include "fakedns/fault_spec.hpp"
#include "fakedns/cli/fault_text.hpp"
#include "fakedns/zone.hpp"

// ldns's zone parser leaks the records it read before a syntax error (its bug, not ours); keep the
// sanitizer build's leak check for everything else.
extern "C" const char* __lsan_default_suppressions() { return "leak:ldns_rr_new\nleak:ldns_rdf_new_frm_data\nleak:ldns_rr_push_rdf\n"; }

namespace tlsrpt::fakedns {
namespace {

using ::testing::HasSubstr;

TEST(ZoneTest, StoresAbsoluteLowerCaseNames) {
  Zone z("Example.TEST");
  EXPECT_EQ(z.origin(), "example.test.");
  z.add_record("MX1", "A", 60, "127.0.0.25").add_record("@", "MX", 60, "10 mx1");
  ASSERT_EQ(z.records().size(), 2u);
  EXPECT_EQ(z.records()[0].name, "mx1.example.test.");
  EXPECT_EQ(z.records()[1].name, "example.test.");
  EXPECT_EQ(z.records()[1].rdata, "10 mx1.example.test.");
}

TEST(ZoneTest, RejectsBadRecordsWithAReason) {
  Zone z("example.test");
  EXPECT_THROW(z.add_record("mx1", "A", 60, "not-an-address"), std::invalid_argument);
  EXPECT_THROW(z.add_record("mx1", "NOSUCHTYPE", 60, "1"), std::invalid_argument);
  EXPECT_THROW(z.add_record("mx1.other.test.", "A", 60, "127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(z.add_record(std::string(64, 'a'), "A", 60, "127.0.0.1"), std::invalid_argument);
  EXPECT_TRUE(z.records().empty());
}

TEST(ZoneTest, SetAndRemoveRrsets) {
  Zone z("example.test");
  z.add_record("@", "MX", 60, "10 mx1").add_record("@", "MX", 60, "20 mx2");
  z.set_rrset("@", "MX", 120, {"5 mx3"});
  ASSERT_EQ(z.records().size(), 1u);
  EXPECT_EQ(z.records()[0].rdata, "5 mx3.example.test.");
  EXPECT_THROW(z.set_rrset("@", "MX", 60, {"bad"}), std::invalid_argument);
  EXPECT_EQ(z.records().size(), 1u);  // unchanged by the failed call
  EXPECT_EQ(z.remove_rrset("example.test.", "mx"), 1u);
  EXPECT_TRUE(z.records().empty());
}

TEST(ZoneTest, LoadsZoneFileText) {
  const Zone z = parse_zone_text(
      "$TTL 300\n"
      "@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n"
      "  IN NS ns1\n"
      "ns1 IN A 127.0.0.53\n"
      "_smtp._tls IN TXT \"v=TLSRPTv1; \" \"rua=mailto:r@example.test\"\n"
      "_25._tcp.mx1 IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
      "example.test");
  ASSERT_EQ(z.records().size(), 5u);
  EXPECT_EQ(z.records()[0].type, "SOA");
  EXPECT_EQ(z.records()[3].rdata, "\"v=TLSRPTv1; \" \"rua=mailto:r@example.test\"");
  EXPECT_EQ(z.records()[4].name, "_25._tcp.mx1.example.test.");
}

TEST(ZoneTest, ZoneFileErrorsNameTheLine) {
  try {
    parse_zone_text("@ 300 IN SOA ns1 h 1 2 3 4 5\nmx1 300 IN A 999.1.1.1\n", "example.test");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("line 2"));
  }
  EXPECT_THROW(load_zone_file("/nonexistent/zone", "example.test"), std::invalid_argument);
}

TEST(DnssecModeTest, ParsesModesAndRejectsUnknownBreakages) {
  EXPECT_FALSE(parse_dnssec_mode("unsigned").sign);
  EXPECT_TRUE(parse_dnssec_mode("signed").sign);
  const auto bogus = parse_dnssec_mode("bogus-bad-signature:_25._tcp.mx1.example.test/TLSA", 1000);
  EXPECT_TRUE(bogus.sign);
  EXPECT_EQ(bogus.now, 1000);
  ASSERT_EQ(bogus.breakages.size(), 1u);
  EXPECT_EQ(bogus.breakages[0], "bad-signature:_25._tcp.mx1.example.test/TLSA");
  EXPECT_THROW(parse_dnssec_mode("bogus-nonsense"), std::invalid_argument);
  EXPECT_THROW(parse_dnssec_mode("bogus-missing-rrsig:x.test/NOTATYPE"), std::invalid_argument);
  EXPECT_THROW(parse_dnssec_mode("sort-of"), std::invalid_argument);
  EXPECT_EQ(dnssec_breakage_names().size(), 6u);
}

TEST(FaultTextTest, ParsesTheCommandLineSyntax) {
  const FaultSpec f = parse_fault_text("servfail name=mx1.example.test. type=A count=3 p=0.5");
  EXPECT_EQ(f.kind, "servfail");
  EXPECT_EQ(f.name, "mx1.example.test.");
  EXPECT_EQ(f.type, "A");
  EXPECT_EQ(f.count, 3u);
  EXPECT_DOUBLE_EQ(f.probability, 0.5);
  EXPECT_EQ(parse_fault_text("delay,delay=250").delay.count(), 250);
  EXPECT_THROW(parse_fault_text("drop count=many"), std::invalid_argument);
  EXPECT_THROW(parse_fault_text("drop colour=red"), std::invalid_argument);
  EXPECT_EQ(fault_kinds().size(), 7u);
}

}  // namespace
}  // namespace tlsrpt::fakedns
