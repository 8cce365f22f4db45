// Reading mta-sts-query's output: its three results, quoting as Python prints it, and output that
// is none of them (a crash, a deadline) never read as a policy.
#include <gtest/gtest.h>

#include "tests/peers/sts_verdict.hpp"

namespace tlsrpt::test::peers {
namespace {

ProcessResult printed(const std::string& out, int exit_code = 0) {
  ProcessResult r;
  r.exit_code = exit_code;
  r.out = out;
  return r;
}

TEST(MtaStsQueryVerdict, AValidPolicyKeepsModeMaxAgeAndMxInOrder) {
  const StsVerdict v = mta_sts_query_verdict(printed(
      "(<STSFetchResult.VALID: 1>, ('20261129', {'mx': ['mx1.example.test', '*.mx.example.test'], "
      "'version': 'STSv1', 'mode': 'enforce', 'max_age': 86400}))\n"));
  EXPECT_EQ(v.outcome, StsOutcome::policy);
  EXPECT_EQ(v.mode, "enforce");
  EXPECT_EQ(v.max_age, 86400);
  EXPECT_EQ(v.mx, (std::vector<std::string>{"mx1.example.test", "*.mx.example.test"}));
  EXPECT_EQ(v.summary(), "policy enforce max_age=86400 mx=[mx1.example.test, *.mx.example.test]");
}

TEST(MtaStsQueryVerdict, ModeNoneHasAnEmptyMxList) {
  const StsVerdict v = mta_sts_query_verdict(printed(
      "(<STSFetchResult.VALID: 1>, ('1', {'mx': [], 'version': 'STSv1', 'mode': 'none', 'max_age': 0}))\n"));
  EXPECT_EQ(v.summary(), "policy none max_age=0 mx=[]");
}

TEST(MtaStsQueryVerdict, DoubleQuotedAndEscapedStringsAreRead) {
  const StsVerdict v = mta_sts_query_verdict(printed(
      "(<STSFetchResult.VALID: 1>, ('1', {'mx': [\"it's.example\", 'a\\\\b'], 'mode': 'testing', 'max_age': 5}))"));
  EXPECT_EQ(v.outcome, StsOutcome::policy);
  EXPECT_EQ(v.mx, (std::vector<std::string>{"it's.example", "a\\b"}));
}

TEST(MtaStsQueryVerdict, NoneAndFetchErrorAreNoUsablePolicy) {
  EXPECT_EQ(mta_sts_query_verdict(printed("(<STSFetchResult.NONE: 0>, None)\n")).outcome, StsOutcome::no_policy);
  EXPECT_EQ(mta_sts_query_verdict(printed("(<STSFetchResult.FETCH_ERROR: 2>, None)\n")).outcome,
            StsOutcome::fetch_failed);
}

TEST(MtaStsQueryVerdict, ACrashOrATruncatedPolicyIsUnclassified) {
  ProcessResult crashed = printed("", 1);
  crashed.err = "Traceback (most recent call last):";
  const StsVerdict v = mta_sts_query_verdict(crashed);
  EXPECT_EQ(v.outcome, StsOutcome::unclassified);
  EXPECT_NE(v.raw.find("Traceback"), std::string::npos);
  EXPECT_EQ(mta_sts_query_verdict(printed("(<STSFetchResult.VALID: 1>, ('1', {'mx': ['a', 'mode': 'enforce'")).outcome,
            StsOutcome::unclassified);
  EXPECT_EQ(mta_sts_query_verdict(printed("(<STSFetchResult.VALID: 1>, ('1', {'mx': ['a'], 'mode': 'enforce'}))"))
                .outcome,
            StsOutcome::unclassified);  // no max_age
  ProcessResult late = printed("(<STSFetchResult.NONE: 0>, None)\n", -1);
  late.timed_out = true;
  EXPECT_EQ(mta_sts_query_verdict(late).outcome, StsOutcome::unclassified);
}

}  // namespace
}  // namespace tlsrpt::test::peers
