#include "sim/mta/aggregate/aggregator.hpp"

#include <gtest/gtest.h>

namespace tlsrpt::sim {
namespace {

constexpr UnixSeconds kDay0 = 20513 * 86400LL;  // 2026-03-01T00:00:00Z

AppliedPolicy sts(std::string domain) {
  return AppliedPolicy{PolicyType::sts, std::move(domain),
                       {"version: STSv1", "mode: enforce", "mx: mx1.example.test", "max_age: 86400"},
                       {"mx1.example.test"}, {}};
}

TEST(Aggregator, InterningIsStable) {
  Aggregator a;
  EXPECT_EQ(a.intern(sts("example.test")), a.intern(sts("example.test")));
  EXPECT_NE(a.intern(sts("example.test")), a.intern(no_policy_found("example.test")));
  EXPECT_EQ(a.intern(""), kAbsent);
  const StringId ip = a.intern("127.0.0.1");
  EXPECT_EQ(ip, a.intern("127.0.0.1"));
  EXPECT_EQ(a.text(ip), "127.0.0.1");
}

TEST(Aggregator, CountsPerPolicyAndUtcDay) {
  Aggregator a;
  const PolicyId p = a.intern(sts("example.test"));
  const PolicyId n = a.intern(no_policy_found("other.test"));
  FailureKey expired{ResultType::certificate_expired, a.intern("127.0.0.9"), a.intern("mx1.example.test"),
                     a.intern("mx1.example.test ESMTP"), a.intern("127.1.0.1"),
                     a.intern("X509_V_ERR_CERT_HAS_EXPIRED")};
  a.record({p, kDay0 + 10, true, {}});
  a.record({p, kDay0 + 86399, true, {}});
  a.record({p, kDay0 + 50000, false, expired});
  a.record({p, kDay0 + 50001, false, expired});
  a.record({n, kDay0 + 5, true, {}});
  a.record({p, kDay0 + 86400, true, {}});  // next UTC day

  EXPECT_EQ(a.days(), (std::vector<std::int64_t>{20513, 20514}));
  auto day = a.day(20513);
  ASSERT_EQ(day.size(), 2u);
  EXPECT_EQ(day[0].policy->domain, "example.test");
  EXPECT_EQ(day[0].successes, 2);
  EXPECT_EQ(day[0].failures, 2);
  ASSERT_EQ(day[0].details.size(), 1u);
  EXPECT_EQ(day[0].details[0].result_type, "certificate-expired");
  EXPECT_EQ(day[0].details[0].reason, "X509_V_ERR_CERT_HAS_EXPIRED");
  EXPECT_EQ(day[0].details[0].receiving_ip, "127.1.0.1");
  EXPECT_EQ(day[0].details[0].count, 2);
  EXPECT_EQ(day[1].policy->type, PolicyType::no_policy_found);
  EXPECT_EQ(day[1].successes, 1);
  EXPECT_EQ(a.day(20514).at(0).successes, 1);
  EXPECT_EQ(a.records(), 6u);

  a.drop_day(20513);
  EXPECT_EQ(a.days(), (std::vector<std::int64_t>{20514}));
}

TEST(Aggregator, DistinctDetailKeysStayApartAndExtraDetailsDoNotCountSessions) {
  Aggregator a;
  const PolicyId p = a.intern(sts("example.test"));
  FailureKey k1{ResultType::starttls_not_supported, a.intern("127.0.0.9"), a.intern("mx1"), 0,
                a.intern("127.1.0.1"), 0};
  FailureKey k2 = k1;
  k2.receiving_ip = a.intern("127.1.0.2");
  a.record({p, kDay0, false, k1});
  a.record({p, kDay0, false, k2});
  a.add_detail(p, kDay0, FailureKey{ResultType::validation_failure, 0, 0, 0, 0, a.intern("x")});
  auto day = a.day(20513);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].failures, 2);
  ASSERT_EQ(day[0].details.size(), 3u);
  EXPECT_EQ(day[0].details[0].receiving_ip, "127.1.0.1");
  EXPECT_EQ(day[0].details[1].receiving_ip, "127.1.0.2");
  EXPECT_EQ(day[0].details[2].result_type, "validation-failure");
}

TEST(Aggregator, UnknownPolicyIdIsAnError) {
  Aggregator a;
  EXPECT_THROW(a.record({7, kDay0, true, {}}), std::out_of_range);
}

TEST(Aggregator, UtcDayFloorsNegativeTimes) {
  EXPECT_EQ(utc_day(0), 0);
  EXPECT_EQ(utc_day(86399), 0);
  EXPECT_EQ(utc_day(86400), 1);
  EXPECT_EQ(utc_day(-1), -1);
}

}  // namespace
}  // namespace tlsrpt::sim
