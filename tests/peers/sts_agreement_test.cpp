// MTA-STS verdicts, fault by fault: the sim's policy discovery and fetch (sim::StsCache) and an
// independent resolver, postfix-mta-sts-resolver's `mta-sts-query` (Python: aiodns + aiohttp),
// meet the same _mta-sts records and the same policy host. Where the sim has a policy, the peer
// must have the same one (mode, mx, max_age); where the sim reports a sts-* failure, the peer
// must have no usable policy either. Where the two legitimately differ, the row says so and why
// (the RFC 8461 section); the test then pins both sides so a change on either is noticed.
//
// The peer runs in a private mount namespace whose /etc/resolv.conf names unbound (in front of
// fakedns) on port 53, and trusts only the world's CA (SSL_CERT_FILE, empty SSL_CERT_DIR: Debian's
// aiohttp verifies with ssl.create_default_context(), i.e. OpenSSL's default paths, which those
// variables replace). It fetches from port 443, so it needs root.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/mta/dns/resolver.hpp"
#include "sim/mta/sts/sts_cache.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/peers/sts_verdict.hpp"
#include "tests/peers/sts_world.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {
namespace {

constexpr const char* kQuery = "/usr/bin/mta-sts-query";
const std::string kTxt = "\"v=STSv1; id=20261129\"";
const std::string kEnforce = "policy enforce max_age=86400 mx=[mx1.example.test, *.mx.example.test]";
constexpr const char* kNoPolicy = "no-policy";
constexpr const char* kFetchFailed = "fetch-failed";

std::vector<std::string> policy(const std::string& mode) {
  return {"version: STSv1", "mode: " + mode, "mx: mx1.example.test", "mx: *.mx.example.test", "max_age: 86400"};
}

struct StsCase {
  std::string id;
  std::vector<std::string> txt;    // _mta-sts TXT rdatas
  std::string txt_delegated_to;    // _mta-sts is a CNAME to this name (which has the TXT)
  std::vector<std::string> lines;  // the policy file
  std::string fault;               // policy host fault
  bool host_in_dns;                // mta-sts.<domain> resolves
  std::string sim_says;            // the sim: a policy summary, "no-policy", or its sts-* result type
  std::string peer_says;           // mta-sts-query: a policy summary, "no-policy" or "fetch-failed"
  std::string difference;          // "" when the two must agree; else why they differ, with the RFC section
};

void PrintTo(const StsCase& c, std::ostream* os) { *os << c.id; }

const std::vector<StsCase>& cases() {
  static const std::vector<StsCase> all = {
      {"valid_enforce", {kTxt}, "", policy("enforce"), "", true, kEnforce, kEnforce, ""},
      {"valid_testing", {kTxt}, "", policy("testing"), "", true,
       "policy testing max_age=86400 mx=[mx1.example.test, *.mx.example.test]",
       "policy testing max_age=86400 mx=[mx1.example.test, *.mx.example.test]", ""},
      {"valid_none", {kTxt}, "", {"version: STSv1", "mode: none", "max_age: 86400"}, "", true,
       "policy none max_age=86400 mx=[]", "policy none max_age=86400 mx=[]", ""},
      {"valid_lf_line_endings", {kTxt}, "", policy("enforce"), "lf-line-endings", true, kEnforce, kEnforce,
       ""},
      {"txt_missing", {}, "", policy("enforce"), "", true, kNoPolicy, kNoPolicy, ""},
      {"txt_two_records", {kTxt, "\"v=STSv1; id=20261130\""}, "", policy("enforce"), "", true, kNoPolicy,
       kNoPolicy, ""},
      {"txt_version_not_first", {"\"id=20261129; v=STSv1\""}, "", policy("enforce"), "", true, kNoPolicy,
       kNoPolicy, ""},
      {"txt_id_missing", {"\"v=STSv1;\""}, "", policy("enforce"), "", true, kNoPolicy, kNoPolicy, ""},
      {"txt_id_malformed", {"\"v=STSv1; id=2026-11-29\""}, "", policy("enforce"), "", true, kNoPolicy, kEnforce,
       "RFC 8461 §3.1: sts-id = 1*32(ALPHA / DIGIT), so a record with id=2026-11-29 is invalid and the "
       "domain has no policy; the resolver only checks that an id is present, and fetches"},
      {"txt_split_into_strings", {"\"v=STSv1; \" \"id=20261129\""}, "", policy("enforce"), "", true, kEnforce,
       kEnforce, ""},
      {"txt_delegated_by_cname", {kTxt}, "_mta-sts.provider.example.test", policy("enforce"), "", true, kEnforce,
       kEnforce, ""},
      {"txt_extension_field", {"\"v=STSv1; id=20261129; x-note=hello\""}, "", policy("enforce"), "", true,
       kEnforce, kEnforce, ""},
      {"policy_host_not_in_dns", {kTxt}, "", policy("enforce"), "", false, "sts-policy-fetch-error", kFetchFailed, ""},
      {"policy_404", {kTxt}, "", policy("enforce"), "http-404", true, "sts-policy-fetch-error", kFetchFailed, ""},
      {"policy_500", {kTxt}, "", policy("enforce"), "http-500", true, "sts-policy-fetch-error", kFetchFailed, ""},
      {"policy_redirect", {kTxt}, "", policy("enforce"), "redirect", true, "sts-policy-fetch-error", kFetchFailed, ""},
      {"policy_wrong_content_type", {kTxt}, "", policy("enforce"), "wrong-content-type", true, "sts-policy-invalid",
       kFetchFailed, ""},
      {"policy_too_large", {kTxt}, "", policy("enforce"), "oversized-body", true, "sts-policy-invalid",
       kFetchFailed, ""},
      {"policy_slow_past_deadline", {kTxt}, "", policy("enforce"), "timeout", true, "sts-policy-fetch-error",
       kFetchFailed, ""},
      {"policy_malformed", {kTxt}, "", policy("enforce"), "malformed-policy", true, "sts-policy-invalid", kFetchFailed,
       ""},
      {"policy_mode_missing", {kTxt}, "", {"version: STSv1", "mx: mx1.example.test", "max_age: 86400"}, "", true,
       "sts-policy-invalid", kFetchFailed, ""},
      {"policy_mode_unknown", {kTxt}, "", policy("sometimes"), "", true, "sts-policy-invalid", kFetchFailed, ""},
      {"policy_version_bad", {kTxt}, "", {"version: STSv2", "mode: enforce", "mx: mx1.example.test", "max_age: 86400"},
       "", true, "sts-policy-invalid", kFetchFailed, ""},
      {"policy_max_age_not_a_number", {kTxt}, "", {"version: STSv1", "mode: enforce", "mx: mx1.example.test",
       "max_age: one day"}, "", true, "sts-policy-invalid", kFetchFailed, ""},
      {"policy_max_age_over_a_year", {kTxt}, "", {"version: STSv1", "mode: enforce", "mx: mx1.example.test",
       "max_age: 31557601"}, "", true, "sts-policy-invalid", kFetchFailed, ""},
      {"policy_max_age_missing", {kTxt}, "", {"version: STSv1", "mode: enforce", "mx: mx1.example.test"}, "", true,
       "sts-policy-invalid", kFetchFailed, ""},
      {"policy_enforce_without_mx", {kTxt}, "", {"version: STSv1", "mode: enforce", "max_age: 86400"}, "", true,
       "sts-policy-invalid", kFetchFailed, ""},
      {"policy_mode_duplicated", {kTxt}, "", {"version: STSv1", "mode: enforce", "mode: testing",
       "mx: mx1.example.test", "max_age: 86400"}, "", true, "policy enforce max_age=86400 mx=[mx1.example.test]",
       "policy testing max_age=86400 mx=[mx1.example.test]",
       "RFC 8461 §3.2: for a repeated field \"all entries except for the first SHALL be ignored\", so the mode is "
       "enforce; the resolver keeps the last one (testing)"},
      {"policy_unknown_field_ignored", {kTxt}, "", {"version: STSv1", "mode: enforce", "x-note: hello",
       "mx: mx1.example.test", "max_age: 86400"}, "", true, "policy enforce max_age=86400 mx=[mx1.example.test]",
       "policy enforce max_age=86400 mx=[mx1.example.test]", ""},
      {"policy_no_space_after_colon", {kTxt}, "", {"version:STSv1", "mode:testing", "mx:mx1.example.test",
       "max_age:604800"}, "", true, "policy testing max_age=604800 mx=[mx1.example.test]",
       "policy testing max_age=604800 mx=[mx1.example.test]", ""},
      {"policy_space_before_colon", {kTxt}, "", {"version: STSv1", "mode : enforce", "mx: mx1.example.test",
       "max_age: 86400"}, "", true, "sts-policy-invalid", kFetchFailed, ""},
      {"policy_max_age_zero", {kTxt}, "", {"version: STSv1", "mode: enforce", "mx: mx1.example.test",
       "max_age: 0"}, "", true, "policy enforce max_age=0 mx=[mx1.example.test]",
       "policy enforce max_age=0 mx=[mx1.example.test]", ""},
      {"policy_max_age_a_year", {kTxt}, "", {"version: STSv1", "mode: enforce", "mx: mx1.example.test",
       "max_age: 31557600"}, "", true, "policy enforce max_age=31557600 mx=[mx1.example.test]",
       "policy enforce max_age=31557600 mx=[mx1.example.test]", ""},
      {"policy_mx_pattern_malformed", {kTxt}, "", {"version: STSv1", "mode: enforce", "mx: *.*.example.test",
       "max_age: 86400"}, "", true, "sts-policy-invalid", "policy enforce max_age=86400 mx=[*.*.example.test]",
       "RFC 8461 §3.2: sts-policy-mx-value = [\"*.\"] Domain, so \"*.*.example.test\" makes the policy "
       "invalid; the resolver does not check mx values"},
      {"policy_host_certificate_expired", {kTxt}, "", policy("enforce"), "cert-expired", true, "sts-webpki-invalid",
       kFetchFailed, ""},
      {"policy_host_certificate_wrong_name", {kTxt}, "", policy("enforce"), "cert-wrong-name", true,
       "sts-webpki-invalid", kFetchFailed, ""},
      {"policy_host_certificate_untrusted_ca", {kTxt}, "", policy("enforce"), "cert-rogue-root", true,
       "sts-webpki-invalid", kFetchFailed, ""},
      {"policy_host_certificate_self_signed", {kTxt}, "", policy("enforce"), "cert-self-signed", true,
       "sts-webpki-invalid", kFetchFailed, ""},
  };
  return all;
}

std::size_t index_of(const std::string& id) {
  for (std::size_t i = 0; i < cases().size(); ++i)
    if (cases()[i].id == id) return i;
  return cases().size();
}

// What the sim's verdict is called in the table: the policy summary, "no-policy", or the result type.
std::string sim_says(const StsVerdict& v, const std::string& result_type) {
  return v.outcome == StsOutcome::fetch_failed ? result_type : v.summary();
}

class StsAgreement : public ::testing::TestWithParam<StsCase> {
 protected:
  static void SetUpTestSuite() {
    now_ = static_cast<UnixSeconds>(std::time(nullptr));
    std::vector<StsDomainSpec> specs;
    for (const StsCase& c : cases()) specs.push_back({c.txt, c.txt_delegated_to, c.lines, c.fault, c.host_in_dns, {}});
    try {
      world_ = std::make_unique<StsWorld>(now_, specs);
      std::filesystem::create_directories(world_->dir() / "no-system-roots");
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() { world_.reset(); }

  void SetUp() override {
    if (!setup_error_.empty()) GTEST_SKIP() << "the MTA-STS world could not start: " << setup_error_;
    index_ = index_of(GetParam().id);
  }

  // The sim's discovery and fetch with an empty cache, as a sender meeting the domain first.
  StsVerdict sim(std::string& result_type) const {
    sim::ResolverOptions dns_options;
    dns_options.server = world_->dns().address();
    dns_options.port = world_->dns().port();
    dns_options.timeout = std::chrono::seconds(5);
    sim::Resolver dns(dns_options);
    sim::StsFetchSettings settings;
    settings.ca_file = world_->ca_file().string();
    settings.source_address = fakemx::test::random_loopback();
    settings.port_for = [](const std::string&) { return world_->policy_host().port(); };
    settings.timeout = std::chrono::seconds(4);  // mta-sts-query's own deadline
    sim::StsCache cache(settings);
    const sim::StsLookup l = cache.lookup(StsWorld::domain(index_), dns, now_);

    StsVerdict v;
    v.raw = l.reason;
    if (l.policy) {
      v.outcome = StsOutcome::policy;
      v.mode = std::string(tlsrpt::to_string(l.policy->mode));
      v.mx = l.policy->mx;
      v.max_age = l.policy->max_age;
    } else if (l.failure) {
      v.outcome = StsOutcome::fetch_failed;
      result_type = std::string(tlsrpt::to_string(*l.failure));
    } else {
      v.outcome = StsOutcome::no_policy;
    }
    return v;
  }

  // The resolver's deadline is a fixed 4 s for the whole lookup; on a loaded machine a fetch that
  // should succeed is asked again (twice at most) before its failure counts.
  StsVerdict mta_sts_query(const StsCase& c) const {
    StsVerdict v = mta_sts_query_once();
    for (int again = 0; again < 2 && v.outcome == StsOutcome::fetch_failed && c.peer_says != kFetchFailed; ++again)
      v = mta_sts_query_once();
    return v;
  }

  StsVerdict mta_sts_query_once() const {
    const ProcessResult run = run_process(
        {TLSRPT_WITH_RESOLV_CONF, world_->resolver().resolv_conf().string(), "/usr/bin/env", "-i",
         "PATH=/usr/bin:/bin", "SSL_CERT_FILE=" + world_->ca_file().string(),
         "SSL_CERT_DIR=" + (world_->dir() / "no-system-roots").string(), kQuery, StsWorld::domain(index_)},
        {}, std::chrono::seconds(60));
    return mta_sts_query_verdict(run);
  }

  std::size_t index_ = 0;
  static inline UnixSeconds now_ = 0;
  static inline std::unique_ptr<StsWorld> world_;
  static inline std::string setup_error_;
};

TEST_P(StsAgreement, SimDecidesAsTheTableSays) {
  const StsCase& c = GetParam();
  std::string type;
  const StsVerdict ours = sim(type);
  EXPECT_EQ(sim_says(ours, type), c.sim_says) << "sim: " << ours.raw;
}

TEST_P(StsAgreement, MtaStsQueryAgreesWithTheSim) {
  if (!std::filesystem::exists(kQuery))
    GTEST_SKIP() << "mta-sts-query (package postfix-mta-sts-resolver) is not installed";
  if (!world_->on_standard_ports())
    GTEST_SKIP() << "mta-sts-query asks the system resolver on port 53 and fetches from port 443: needs root";
  const ProcessResult probe = run_process({TLSRPT_WITH_RESOLV_CONF, world_->resolver().resolv_conf().string(), "true"});
  if (probe.exit_code != 0) GTEST_SKIP() << "no private mount namespace for resolv.conf: " << probe.err;

  const StsCase& c = GetParam();
  std::string type;
  const StsVerdict ours = sim(type);
  const StsVerdict peer = mta_sts_query(c);
  EXPECT_EQ(sim_says(ours, type), c.sim_says) << "sim: " << ours.raw;
  EXPECT_EQ(peer.summary(), c.peer_says) << "mta-sts-query: " << peer.raw << "\n" << world_->resolver().log();
  if (c.difference.empty()) {
    EXPECT_EQ(peer.summary(), ours.summary()) << "mta-sts-query: " << peer.raw << "\nsim: " << ours.raw;
  } else {
    EXPECT_NE(peer.summary(), ours.summary()) << "documented difference no longer holds: " << c.difference;
    RecordProperty("difference", c.difference);
  }
}

INSTANTIATE_TEST_SUITE_P(Faults, StsAgreement, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<StsCase>& param) { return param.param.id; });

}  // namespace
}  // namespace tlsrpt::test::peers
