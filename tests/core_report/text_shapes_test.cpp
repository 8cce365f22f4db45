#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/json/policy_string.hpp"
#include "core/util/datetime.hpp"
#include "core/util/domain_text.hpp"
#include "core/util/ip_text.hpp"

namespace tlsrpt {
namespace {

TEST(DateTime, ParsesRfc3339WithZoneOffsetFractionAndWithout) {
  auto z = parse_rfc3339("2016-04-01T00:00:00Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(z->epoch_seconds, 1459468800);
  EXPECT_TRUE(z->has_offset);
  auto off = parse_rfc3339("2016-04-01T02:00:00.250+02:00");
  ASSERT_TRUE(off);
  EXPECT_EQ(off->epoch_seconds, 1459468800);
  EXPECT_EQ(off->nanos, 250000000u);
  auto bare = parse_rfc3339("2023-01-10T00:00:00");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->has_offset);
  EXPECT_EQ(format_rfc3339(bare->epoch_seconds), "2023-01-10T00:00:00Z");
}

TEST(DateTime, RejectsWhatIsNotADateTime) {
  for (const char* bad : {"2016-04-01", "2016-02-30T00:00:00Z", "2016-04-01T24:00:00Z", "2016-04-01T00:00:00+2:00",
                          "2016-04-01T00:00:00ZZ", "2016-04-01X00:00:00Z", "2016-04-01T00:00:00.Z", "16-04-01T00:00:00Z"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  EXPECT_TRUE(parse_rfc3339("2024-02-29T23:59:60Z"));  // leap day and leap second
}

TEST(DateTime, FormatsAcrossEpochAndCenturies) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_date(951782400), "2000-02-29");
  EXPECT_EQ(days_from_civil(2026, 3, 1) * 86400, parse_rfc3339("2026-03-01T00:00:00Z")->epoch_seconds);
}

TEST(IpText, ClassifiesIpv4AndIpv6AndRfc5952Form) {
  EXPECT_EQ(classify_ip("203.0.113.56"), IpText::ipv4);
  EXPECT_EQ(classify_ip("203.0.113.056"), IpText::invalid);
  EXPECT_EQ(classify_ip("x.x.x.x"), IpText::invalid);
  EXPECT_EQ(classify_ip(""), IpText::invalid);
  EXPECT_EQ(classify_ip("2001:db8::1"), IpText::ipv6_canonical);
  EXPECT_EQ(classify_ip("2001:db8:abcd:0012::1"), IpText::ipv6_noncanonical);
  EXPECT_EQ(classify_ip("2001:DB8::1"), IpText::ipv6_noncanonical);
  EXPECT_EQ(classify_ip("::ffff:192.0.2.1"), IpText::ipv6_canonical);
  EXPECT_EQ(canonical_ipv6("2001:db8:abcd:0012::1"), "2001:db8:abcd:12::1");
  EXPECT_EQ(classify_ip(std::string_view("1.2.3.4\0", 8)), IpText::invalid);
  EXPECT_EQ(classify_ip(std::string(100, '1')), IpText::invalid);
}

TEST(DomainText, ALabelsPatternsAndAddrSpecs) {
  EXPECT_TRUE(is_a_label_domain("xn--gpher-jua.test"));
  EXPECT_TRUE(is_a_label_domain("Mail.Example.COM"));
  EXPECT_FALSE(is_a_label_domain("g\xc3\xb6pher.test"));
  EXPECT_FALSE(is_a_label_domain("-a.example"));
  EXPECT_FALSE(is_a_label_domain("a..example"));
  EXPECT_FALSE(is_a_label_domain("mx.example."));
  EXPECT_TRUE(is_a_label_domain("mx.example.", true));
  EXPECT_FALSE(is_a_label_domain(std::string(64, 'a') + ".example"));
  EXPECT_TRUE(is_mx_pattern("*.mail.example"));
  EXPECT_FALSE(is_mx_pattern("*mail.example"));
  EXPECT_FALSE(is_mx_pattern("mx.*.example"));
  EXPECT_FALSE(is_mx_pattern("mx: mx.example"));
  EXPECT_TRUE(is_addr_spec("sts-reporting@company-x.example"));
  EXPECT_TRUE(is_addr_spec("\"odd local\"@example.com"));
  EXPECT_TRUE(is_addr_spec("postmaster@[192.0.2.1]"));
  EXPECT_FALSE(is_addr_spec("no-at-sign"));
  EXPECT_FALSE(is_addr_spec("a..b@example.com"));
  EXPECT_FALSE(is_addr_spec("a b@example.com"));
  EXPECT_EQ(addr_spec_domain("tls_support@corp.mail.ru"), "corp.mail.ru");
  EXPECT_TRUE(domain_iequals("Example.NET.", "example.net"));
  EXPECT_FALSE(domain_iequals("mail.ru", "corp.mail.ru"));
}

TEST(DomainText, EdgesOfLabelsAndDotAtoms) {
  EXPECT_TRUE(is_a_label_domain("a"));
  EXPECT_TRUE(is_a_label_domain("a--b.c"));
  EXPECT_FALSE(is_a_label_domain("a-.b"));
  EXPECT_FALSE(is_a_label_domain("a.-b"));
  EXPECT_FALSE(is_a_label_domain("."));
  EXPECT_FALSE(is_a_label_domain(".", true));
  EXPECT_FALSE(is_a_label_domain("a..", true));
  EXPECT_FALSE(is_a_label_domain("a_b.example"));
  EXPECT_TRUE(is_a_label_domain(std::string(63, 'a') + "." + std::string(63, 'b')));
  EXPECT_FALSE(is_a_label_domain(std::string(63, 'a') + "." + std::string(64, 'b')));
  EXPECT_FALSE(is_mx_pattern("*."));
  EXPECT_FALSE(is_mx_pattern("*.-a.example"));
  EXPECT_TRUE(is_addr_spec("a-b@c-d.e"));
  EXPECT_FALSE(is_addr_spec(".a@b"));
  EXPECT_FALSE(is_addr_spec("a.@b"));
  EXPECT_FALSE(is_addr_spec("a@b."));
  EXPECT_FALSE(is_addr_spec("a@"));
}

// Each malformed line gets the sentence that says what is wrong with it.
TEST(StsPolicyString, NamesWhatIsWrongWithALine) {
  const auto problem = [](std::vector<std::string_view> lines) {
    return sts_policy_problem(lines).value_or("");
  };
  const std::vector<std::string_view> good = {"version: STSv1", "mode: enforce", "mx: mx.example", "max_age: 86400"};
  EXPECT_EQ(problem(good), "");
  EXPECT_EQ(problem({" version:STSv1 ", "mode:testing", "mx:*.example", "max_age:1"}), "");
  EXPECT_EQ(problem({"version STSv1"}), "the line \"version STSv1\" is not of the form \"key: value\"");
  EXPECT_EQ(problem({": STSv1"}), "the line \": STSv1\" is not of the form \"key: value\"");
  EXPECT_EQ(problem({""}), "the line \"\" is not of the form \"key: value\"");
  EXPECT_EQ(problem({"ver sion: STSv1"}), "the line \"ver sion: STSv1\" has an invalid key");
  EXPECT_EQ(problem({"max-age: 5"}), "the line \"max-age: 5\" has an invalid key");
  EXPECT_EQ(problem({"version: STSv2"}), "the version line says \"STSv2\" instead of STSv1");
  EXPECT_EQ(problem({"version: STSv1", "mode: enforce", "mx: mx.example"}), "the max_age line is missing");
}

// The four keys are matched at the line's start; a longer key that begins like one is another key.
TEST(StsPolicyString, KnownKeysOnlyAsWholeKeys) {
  const auto problem = [](std::vector<std::string_view> lines) {
    return sts_policy_problem(lines).value_or("");
  };
  EXPECT_EQ(problem({"version: STSv1", "mode: none", "max_age: 0"}), "");
  EXPECT_EQ(problem({"version: STSv1", "mode: testing", "mxa: b", "max_age: 5"}),
            "there is no mx line although the mode is testing");
  EXPECT_EQ(problem({"version: STSv1", "modes: x", "mode: enforce", "mx:a", "max_age: 5"}), "");
  EXPECT_EQ(problem({"\tversion:\tSTSv1\r\n", "mode:enforce ", "mx: a", "max_age:31557600"}), "");
  EXPECT_EQ(problem({"version: STSv1", "mode: enforce", "mx: a", "max_age: 00000086"}), "");
  EXPECT_EQ(problem({"version: STSv1", "mode: enforce", "mx: a", "max_age: 31557601"}),
            "max_age \"31557601\" is not a number of seconds up to 31557600");
  EXPECT_EQ(problem({"version: STSv1", "mode: enforce", "mx:   ", "max_age: 5"}), "an mx line has no host pattern");
  EXPECT_EQ(problem({"version: STSv1", "version: STSv1"}), "the version line appears more than once");
  EXPECT_EQ(problem({"mode: Enforce"}), "the mode \"Enforce\" is not enforce, testing or none");
  EXPECT_EQ(problem({"version :STSv1"}), "the line \"version :STSv1\" has an invalid key");
}

}  // namespace
}  // namespace tlsrpt
