// MTA-STS policy fetch against the real fake policy host (fakemx/policy over loopback HTTPS).
#include "sim/mta/sts/policy_fetch.hpp"

#include <gtest/gtest.h>

#include "fakemx/pki/authority.hpp"
#include "fakemx/policy/policy_server.hpp"
#include "tests/sim/suite_pki.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::sim {
namespace {

namespace pki = tlsrpt::fakemx::pki;
namespace policy = tlsrpt::fakemx::policy;

constexpr UnixSeconds kNow = 1772366400;  // 2026-03-01T12:00:00Z

class PolicyFetchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = std::make_unique<test_support::SuitePki>(kNow, "sim-sts"); }
  static void TearDownTestSuite() { pki_.reset(); }
  void SetUp() override {
    policy::PolicyServerConfig config;
    config.address = "127.0.32.1";
    config.pki = &pki_->authority;
    config.now = [] { return kNow; };
    server_ = std::make_unique<policy::PolicyServer>(config);
    server_->add_domain("example.test", {"version: STSv1", "mode: enforce", "max_age: 86400",
                                         "mx: mx1.example.test", "mx: *.backup.example.test"});
    server_->start();
  }
  PolicyFetchOptions options() const {
    PolicyFetchOptions o;
    o.domain = "example.test";
    o.address = server_->address();
    o.port = server_->port();
    o.source_address = "127.0.32.100";
    o.ca_file = pki_->ca_file;
    o.verify_time = kNow;
    o.timeout = std::chrono::milliseconds(3000);
    return o;
  }
  static inline std::unique_ptr<test_support::SuitePki> pki_;
  std::unique_ptr<policy::PolicyServer> server_;
};

TEST_F(PolicyFetchTest, HealthyPolicyParsesWithLinesAsPublished) {
  PolicyFetchResult r = fetch_sts_policy(options());
  ASSERT_TRUE(r.policy) << r.reason;
  EXPECT_FALSE(r.failure);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.policy->mode, StsMode::enforce);
  EXPECT_EQ(r.policy->max_age, 86400);
  EXPECT_EQ(r.lines.at(2), "max_age: 86400");
  EXPECT_EQ(r.policy->mx.size(), 2u);
}

struct FetchCase {
  const char* fault;
  ResultType expected;
};

class PolicyFetchFaults : public PolicyFetchTest, public ::testing::WithParamInterface<FetchCase> {};

TEST_P(PolicyFetchFaults, ClassifiedAsRfc8460Section4_3_2_2) {
  server_->set_fault("example.test", GetParam().fault);
  PolicyFetchResult r = fetch_sts_policy(options());
  EXPECT_FALSE(r.policy) << r.lines.size() << " lines, status " << r.status;
  ASSERT_TRUE(r.failure) << GetParam().fault;
  EXPECT_EQ(to_string(*r.failure), to_string(GetParam().expected)) << GetParam().fault << ": " << r.reason;
  EXPECT_FALSE(r.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Faults, PolicyFetchFaults,
    ::testing::Values(FetchCase{"http-404", ResultType::sts_policy_fetch_error},
                      FetchCase{"http-500", ResultType::sts_policy_fetch_error},
                      FetchCase{"redirect", ResultType::sts_policy_fetch_error},
                      FetchCase{"timeout", ResultType::sts_policy_fetch_error},
                      FetchCase{"malformed-policy", ResultType::sts_policy_invalid},
                      FetchCase{"oversized-body", ResultType::sts_policy_invalid},
                      FetchCase{"wrong-content-type", ResultType::sts_policy_invalid},
                      FetchCase{"cert-expired", ResultType::sts_webpki_invalid},
                      FetchCase{"cert-wrong-name", ResultType::sts_webpki_invalid},
                      FetchCase{"cert-self-signed", ResultType::sts_webpki_invalid},
                      FetchCase{"cert-rogue-root", ResultType::sts_webpki_invalid}),
    [](const ::testing::TestParamInfo<FetchCase>& param_info) {
      std::string n = param_info.param.fault;
      for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST_F(PolicyFetchTest, NothingListeningIsAFetchError) {
  PolicyFetchOptions o = options();
  o.address = "127.0.32.2";
  o.port = 1;
  PolicyFetchResult r = fetch_sts_policy(o);
  EXPECT_EQ(r.failure, ResultType::sts_policy_fetch_error);
}

}  // namespace
}  // namespace tlsrpt::sim
