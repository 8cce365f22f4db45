// Generation profiles: YAML with every key checked, flags, named sizes.
#include <gtest/gtest.h>

#include "generators/profile/profile.hpp"
#include "generators/synth/synthesize.hpp"

namespace tlsrpt::gen {
namespace {

TEST(Profile, ReadsEveryKey) {
  auto p = parse_profile(R"(
seed: 99
count: 5
start: 2025-12-30
days: 3
size: large
sessions: {min: 1000, max: 2000}
failing-share: 1
reporters:
  - google
  - {personality: postfix, organization: mail.example.org, submitter: example.org, weight: 2}
domains:
  - example.com
  - {name: example.net, mx: [mx.example.net]}
policy-mix: {sts: 1}
failure-mix: {certificate-expired: 1}
ips: [192.0.2.7]
)");
  finalize(p);
  EXPECT_EQ(p.seed, 99u);
  EXPECT_EQ(p.failure_details.min, 100);
  ASSERT_EQ(p.reporters.size(), 2u);
  EXPECT_EQ(p.reporters[1].organization, "mail.example.org");
  EXPECT_EQ(p.domains[0].mx, (std::vector<std::string>{"mx1.example.com", "mx2.example.com"}));
  const auto g = synthesize(p, 4);
  ASSERT_EQ(g.report.policies.size(), 1u);
  const auto& details = *g.report.policies[0].failure_details;
  EXPECT_GE(details.size(), 100u);
  for (const auto& d : details) {
    EXPECT_EQ(d.result_type, "certificate-expired");
    EXPECT_EQ(d.sending_mta_ip, "192.0.2.7");
  }
  EXPECT_EQ(g.report.date_range.start_datetime, "2026-01-01T00:00:00Z") << "index 4 = domain 0, day 2";
}

TEST(Profile, RejectsTyposWithTheirLine) {
  try {
    parse_profile("seed: 1\ncuont: 5\n");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cuont"), std::string::npos);
  }
  auto bad = parse_profile("reporters: [gogle]\n");
  EXPECT_THROW(finalize(bad), std::invalid_argument);
  auto bad_mix = parse_profile("failure-mix: {certificate-revoked: 1}\n");
  EXPECT_THROW(finalize(bad_mix), std::invalid_argument);
  EXPECT_THROW(size_preset("enormous"), std::invalid_argument);
  auto no_policy_weight = parse_profile("policy-mix: {sts: 0, tlsa: 0}\n");
  EXPECT_THROW(finalize(no_policy_weight), std::invalid_argument);
}

// A policy type whose fitting failure kinds all weigh 0 gets no failures (and no crash).
TEST(Profile, ZeroWeightFailureKindsGiveCleanPolicies) {
  auto p = parse_profile("policy-mix: {tlsa: 1}\nfailure-mix: {certificate-expired: 1, tlsa-invalid: 0}\n"
                         "failing-share: 1\n");
  finalize(p);
  for (std::uint64_t k = 0; k < 20; ++k) {
    const auto g = synthesize(p, k);
    ASSERT_EQ(g.report.policies.size(), 1u);
    EXPECT_EQ(g.report.policies[0].summary.total_failure_session_count, 0);
  }
}

TEST(Profile, HugeReportsHaveTensOfThousandsOfDetails) {
  GenerationProfile p;
  p.failure_details = size_preset("huge");
  p.failing_policy_share = 1;
  p.policy_mix = {{"sts", 1}};
  p.sessions = {1000000, 1000000};
  finalize(p);
  const auto g = synthesize(p, 0);
  EXPECT_GE(g.report.policies[0].failure_details->size(), 10000u);
}

}  // namespace
}  // namespace tlsrpt::gen
