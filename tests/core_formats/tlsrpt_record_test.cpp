// TLSRPT TXT record (RFC 8460 §3): the RFC examples and every corner case of the digest's §1.
#include "core/records/tlsrpt_record.hpp"

#include <gtest/gtest.h>

namespace tlsrpt {
namespace {

std::size_t first_error_column(const RecordResult<TlsrptRecord>& r) { return r.errors.empty() ? 0 : r.errors.front().column; }

TEST(TlsrptRecord, RfcExamples) {
  auto a = parse_tlsrpt_record("v=TLSRPTv1;rua=mailto:reports@example.com");
  ASSERT_TRUE(a.ok()) << describe(a.errors);
  ASSERT_EQ(a.value->rua.size(), 1u);
  EXPECT_EQ(a.value->rua[0].scheme, RuaScheme::mailto);
  EXPECT_EQ(a.value->rua[0].mailbox, "reports@example.com");
  EXPECT_EQ(a.value->rua[0].column, 16u);

  auto b = parse_tlsrpt_record("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt");
  ASSERT_TRUE(b.ok()) << describe(b.errors);
  EXPECT_EQ(b.value->rua[0].scheme, RuaScheme::https);
  EXPECT_EQ(b.value->rua[0].uri, "https://reporting.example.com/v1/tlsrpt");
  EXPECT_TRUE(b.warnings.empty());
}

TEST(TlsrptRecord, VersionAloneOrWithBareDelimiterIsInvalid) {
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1;").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1 ; ").ok());
  EXPECT_FALSE(parse_tlsrpt_record("").ok());
}

TEST(TlsrptRecord, TrailingDelimiterAfterAFieldIsValid) {
  EXPECT_TRUE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com;").ok());
  EXPECT_TRUE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com ; ").ok());
}

TEST(TlsrptRecord, VersionAndRuaAreCaseSensitive) {
  auto v = parse_tlsrpt_record("V=tlsrptv1; rua=mailto:a@example.com");
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(first_error_column(v), 1u);
  EXPECT_NE(v.errors[0].message.find("case-sensitive"), std::string::npos);

  auto rua = parse_tlsrpt_record("v=TLSRPTv1; RUA=mailto:a@example.com");
  EXPECT_FALSE(rua.ok()) << "RUA= is an extension, so there is no rua";
  ASSERT_FALSE(rua.warnings.empty());
  EXPECT_NE(rua.warnings[0].message.find("case-sensitive"), std::string::npos);
}

TEST(TlsrptRecord, SpaceBeforeFirstSemicolonFitsTheAbnf) {
  auto r = parse_tlsrpt_record("v=TLSRPTv1 ; rua=mailto:a@example.com");
  EXPECT_TRUE(r.ok()) << describe(r.errors);
  auto s = select_tlsrpt_record(std::vector<std::string>{"v=TLSRPTv1 ; rua=mailto:a@example.com"});
  EXPECT_TRUE(s.ok());
  ASSERT_FALSE(s.warnings.empty());
  EXPECT_NE(s.warnings[0].message.find("6285"), std::string::npos);
}

TEST(TlsrptRecord, NoSpaceAroundEquals) {
  auto a = parse_tlsrpt_record("v=TLSRPTv1; rua =mailto:a@example.com");
  EXPECT_FALSE(a.ok());
  EXPECT_EQ(first_error_column(a), 16u);
  auto b = parse_tlsrpt_record("v=TLSRPTv1; rua= mailto:a@example.com");
  EXPECT_FALSE(b.ok());
  EXPECT_EQ(first_error_column(b), 17u);
}

TEST(TlsrptRecord, SeveralUrisWithSpaceAroundCommas) {
  auto r = parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com , https://r.example/v1,\tmailto:b@example.com");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  ASSERT_EQ(r.value->rua.size(), 3u);
  EXPECT_EQ(r.value->rua[1].uri, "https://r.example/v1");
  EXPECT_EQ(r.value->rua[1].column, 40u);
  EXPECT_EQ(r.value->rua[2].mailbox, "b@example.com");
}

TEST(TlsrptRecord, RepeatedRuaFieldsAreCollected) {
  auto r = parse_tlsrpt_record("v=TLSRPTv1;rua=mailto:a@example.com;rua=https://r.example/");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->rua.size(), 2u);
}

TEST(TlsrptRecord, ExtensionsAreKeptAndTheirGrammarChecked) {
  auto ok = parse_tlsrpt_record("v=TLSRPTv1; x-future=1.2_3; rua=mailto:a@example.com");
  ASSERT_TRUE(ok.ok()) << describe(ok.errors);
  ASSERT_EQ(ok.value->extensions.size(), 1u);
  EXPECT_EQ(ok.value->extensions[0].first, "x-future");
  EXPECT_EQ(ok.value->extensions[0].second, "1.2_3");

  auto spaced = parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; note=\"two words\"");
  EXPECT_FALSE(spaced.ok());
  EXPECT_EQ(first_error_column(spaced), 48u);

  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; _x=1").ok()) << "name starts with a letter or digit";
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; " + std::string(33, 'a') + "=1").ok());
  EXPECT_TRUE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; " + std::string(32, 'a') + "=1").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; x=a=b").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; x=").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com; x").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1;; rua=mailto:a@example.com").ok());
}

TEST(TlsrptRecord, MailtoHeadersAndEscapes) {
  auto r = parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:tls%2Breports@example.com?subject=hi%21");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->rua[0].mailbox, "tls+reports@example.com");
}

TEST(TlsrptRecord, MustEncodeCharacters) {
  auto bang = parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a!b@example.com");
  EXPECT_FALSE(bang.ok());
  EXPECT_EQ(first_error_column(bang), 25u);
  EXPECT_NE(bang.errors[0].message.find("%21"), std::string::npos);
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com,b@example.com").ok()) << "unencoded comma splits the URI";
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a;b@example.com").ok()) << "unencoded semicolon ends the field";
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a@example.com,").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a%2@example.com").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a b@example.com").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=reports@example.com").ok()) << "no scheme";
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:").ok());
  EXPECT_FALSE(parse_tlsrpt_record("v=TLSRPTv1; rua=https:/x").ok());
}

TEST(TlsrptRecord, UnsupportedSchemesParseButAreFlagged) {
  auto r = parse_tlsrpt_record("v=TLSRPTv1; rua=http://r.example/,ftp://r.example/x,mailto:a@example.com");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  ASSERT_EQ(r.value->rua.size(), 3u);
  EXPECT_EQ(r.value->rua[0].scheme, RuaScheme::unsupported);
  EXPECT_EQ(r.value->rua[1].scheme, RuaScheme::unsupported);
  EXPECT_TRUE(r.value->has_supported_rua());
  EXPECT_EQ(r.warnings.size(), 2u);

  auto none = parse_tlsrpt_record("v=TLSRPTv1; rua=http://r.example/");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value->has_supported_rua());
  EXPECT_EQ(none.warnings.size(), 2u);
}

TEST(TlsrptRecordSelection, DiscardsOthersAndNeedsExactlyOne) {
  auto one = select_tlsrpt_record(std::vector<std::string>{"v=spf1 -all", "v=TLSRPTv1;rua=mailto:a@example.com", "hello"});
  ASSERT_TRUE(one.ok()) << describe(one.errors);
  EXPECT_EQ(one.value->rua[0].mailbox, "a@example.com");

  auto two = select_tlsrpt_record(
      std::vector<std::string>{"v=TLSRPTv1;rua=mailto:a@example.com", "v=TLSRPTv1;rua=mailto:b@example.com"});
  EXPECT_FALSE(two.ok());
  EXPECT_NE(two.errors[0].message.find("2 TXT records"), std::string::npos);

  EXPECT_FALSE(select_tlsrpt_record(std::vector<std::string>{}).ok());
  EXPECT_FALSE(select_tlsrpt_record(std::vector<std::string>{"v=TLSRPTv1"}).ok()) << "does not begin with v=TLSRPTv1;";
  EXPECT_FALSE(select_tlsrpt_record(std::vector<std::string>{"v=TLSRPTv1;rua=bad"}).ok()) << "the one left is invalid";
  auto lower = select_tlsrpt_record(std::vector<std::string>{"v=tlsrptv1;rua=mailto:a@example.com"});
  EXPECT_FALSE(lower.ok());
}

TEST(TlsrptRecordSelection, MultiStringRecordsJoinWithoutSpaces) {
  auto r = select_tlsrpt_record(std::vector<std::vector<std::string>>{
      {"v=TLSRPTv1;rua=mailto:tls", "rpt@example.com"}, {"v=spf1 ", "-all"}});
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->rua[0].mailbox, "tlsrpt@example.com");
  auto split_version = select_tlsrpt_record(std::vector<std::vector<std::string>>{{"v=TLS", "RPTv1;", "rua=https://r.example/"}});
  EXPECT_TRUE(split_version.ok());
}

TEST(TlsrptRecord, DescribeNamesColumns) {
  auto r = parse_tlsrpt_record("v=TLSRPTv1; rua=mailto:a!b@example.com");
  EXPECT_EQ(describe(r.errors).rfind("column 25: ", 0), 0u) << describe(r.errors);
}

}  // namespace
}  // namespace tlsrpt
