// MTA-STS TXT record (RFC 8461 §3.1), policy file (§3.2) and MX pattern matching (§4.1).
#include <gtest/gtest.h>

#include "core/records/sts_policy.hpp"
#include "core/records/sts_record.hpp"

namespace tlsrpt {
namespace {

TEST(StsRecord, RfcExampleAndGrammar) {
  auto r = parse_sts_record("v=STSv1; id=20160831085700Z;");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->id, "20160831085700Z");
  EXPECT_TRUE(parse_sts_record("v=STSv1;id=1;x-ext=a.b").ok());
  EXPECT_FALSE(parse_sts_record("v=STSv1").ok());
  EXPECT_FALSE(parse_sts_record("v=STSv1;").ok());
  EXPECT_FALSE(parse_sts_record("v=STSv1; x=1").ok()) << "id is required";
  EXPECT_FALSE(parse_sts_record("v=STSv1; id=").ok());
  EXPECT_FALSE(parse_sts_record("v=STSv1; id=2016-08-31").ok()) << "id is letters and digits";
  EXPECT_FALSE(parse_sts_record("v=STSv1; id=" + std::string(33, '1')).ok());
  EXPECT_TRUE(parse_sts_record("v=STSv1; id=" + std::string(32, '1')).ok());
  EXPECT_FALSE(parse_sts_record("v=stsv1; id=1").ok());
  EXPECT_FALSE(parse_sts_record("v=STSv1; ID=1").ok()) << "ID= is an extension; id= is missing";
  auto twice = parse_sts_record("v=STSv1; id=1; id=2");
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice.value->id, "1");
  EXPECT_EQ(twice.warnings.size(), 1u);
  auto bad = parse_sts_record("v=STSv1; id=abc def");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors[0].column, 13u);
}

TEST(StsRecord, Selection) {
  EXPECT_TRUE(select_sts_record(std::vector<std::string>{"v=spf1 -all", "v=STSv1; id=1"}).ok());
  EXPECT_FALSE(select_sts_record(std::vector<std::string>{"v=STSv1; id=1", "v=STSv1; id=2"}).ok());
  EXPECT_FALSE(select_sts_record(std::vector<std::string>{"v=STSv1; id=1!"}).ok());
  auto joined = select_sts_record(std::vector<std::vector<std::string>>{{"v=STSv1; id=2016", "0831"}});
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined.value->id, "20160831");
}

const char* kRfcPolicy =
    "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";

TEST(StsPolicy, RfcExample) {
  auto r = parse_sts_policy(kRfcPolicy);
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->mode, StsMode::enforce);
  EXPECT_EQ(r.value->max_age, 604800);
  EXPECT_EQ(r.value->mx, (std::vector<std::string>{"mail.example.com", "*.example.net", "backupmx.example.com"}));
  EXPECT_EQ(r.value->lines.front(), "version: STSv1");
  EXPECT_EQ(r.value->lines.size(), 6u);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(StsPolicy, LfOrderAndTrailingSpaceKeptVerbatim) {
  auto r = parse_sts_policy("max_age: 86400\nmx: mx1.eu.mailhop.org \nmode: testing\nversion: STSv1");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->lines, (std::vector<std::string>{"max_age: 86400", "mx: mx1.eu.mailhop.org ", "mode: testing",
                                                      "version: STSv1"}));
  EXPECT_EQ(r.value->mx[0], "mx1.eu.mailhop.org");
  EXPECT_EQ(r.value->mode, StsMode::testing);
}

TEST(StsPolicy, UnknownKeysIgnoredAndDuplicatesKeepTheFirst) {
  auto r = parse_sts_policy("version: STSv1\nmode: none\nmax_age: 10\nmax_age: 20\nx-note: hello world\n");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->max_age, 10);
  EXPECT_EQ(r.value->mode, StsMode::none);
  EXPECT_TRUE(r.value->mx.empty()) << "mode none needs no mx";
  ASSERT_EQ(r.value->extensions.size(), 1u);
  EXPECT_EQ(r.value->extensions[0].second, "hello world");
  EXPECT_EQ(r.warnings.size(), 1u);
}

TEST(StsPolicy, ErrorsCarryLineAndColumn) {
  auto mode = parse_sts_policy("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n");
  EXPECT_FALSE(mode.ok());
  ASSERT_FALSE(mode.errors.empty());
  EXPECT_EQ(mode.errors[0].line, 2u);
  EXPECT_EQ(mode.errors[0].column, 7u);

  auto age = parse_sts_policy("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 31557601\n");
  EXPECT_FALSE(age.ok());
  EXPECT_EQ(age.errors[0].line, 4u);
  EXPECT_TRUE(parse_sts_policy("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 31557600\n").ok());
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode: testing\nmx: a.example\nmax_age: -1\n").ok());
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 12345678901\n").ok());

  EXPECT_FALSE(parse_sts_policy("version: STSv2\nmode: testing\nmx: a.example\nmax_age: 1\n").ok());
  EXPECT_FALSE(parse_sts_policy("mode: testing\nmx: a.example\nmax_age: 1\n").ok()) << "no version";
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmx: a.example\nmax_age: 1\n").ok()) << "no mode";
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\n").ok()) << "no max_age";
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode: enforce\nmax_age: 1\n").ok()) << "enforce needs mx";
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode: enforce\nmx: *.*.example\nmax_age: 1\n").ok());
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode: enforce\nmx: a.example.\nmax_age: 1\n").ok());
  EXPECT_FALSE(parse_sts_policy("version : STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n").ok());
  EXPECT_FALSE(parse_sts_policy("version: STSv1\nmode enforce\nmx: a.example\nmax_age: 1\n").ok());
  EXPECT_FALSE(parse_sts_policy("").ok());
  EXPECT_FALSE(parse_sts_policy("<html>not a policy</html>").ok());
}

TEST(StsPolicy, BlankLinesAreWarnings) {
  auto r = parse_sts_policy("version: STSv1\n\nmode: testing\nmx: a.example\nmax_age: 1\n\n");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.value->lines.size(), 4u);
}

TEST(MxPattern, MatchesOneLeftmostLabelCaseInsensitively) {
  EXPECT_TRUE(mx_pattern_matches("*.example.com", "mail.example.com"));
  EXPECT_TRUE(mx_pattern_matches("*.example.com", "MAIL.Example.COM."));
  EXPECT_FALSE(mx_pattern_matches("*.example.com", "example.com"));
  EXPECT_FALSE(mx_pattern_matches("*.example.com", "foo.bar.example.com"));
  EXPECT_FALSE(mx_pattern_matches("*.example.com", ".example.com"));
  EXPECT_TRUE(mx_pattern_matches("mail.example.com", "Mail.Example.com"));
  EXPECT_FALSE(mx_pattern_matches("mail.example.com", "mail.example.org"));
  EXPECT_FALSE(mx_pattern_matches("mail.example.com", "x.mail.example.com"));
  auto p = parse_sts_policy(kRfcPolicy);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(policy_allows_mx(*p.value, "mx7.example.net"));
  EXPECT_FALSE(policy_allows_mx(*p.value, "mail.example.net.evil.test"));
}

}  // namespace
}  // namespace tlsrpt
