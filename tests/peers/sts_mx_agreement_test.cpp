// MTA-STS MX matching (RFC 8461 §4.1), host by host: the sim keeps an MX only when one of the
// policy's mx patterns matches its name (core's policy_allows_mx, what sim::Sender applies), and
// Postfix 3.7 behind postfix-mta-sts-resolver applies the same policy as "secure match=..." with
// each pattern's leading '*' removed (the resolver's responder.py), checked against the MX
// certificate. Each MX serves a valid certificate for its own name, so the certificate check is
// the MX-name check. The two must keep or refuse the same hosts; where they differ, the row says
// why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/records/sts_policy.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/peers/peer_verdict.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {
namespace {

constexpr const char* kFinger = "/usr/sbin/posttls-finger";
const std::vector<std::string> kPatterns = {"mx1.example.test", "*.mx.example.test"};

struct MxCase {
  const char* id;
  const char* mx;          // the MX host name (and its certificate's name)
  bool sim_keeps;          // the sim delivers to it under the policy
  bool postfix_keeps;      // posttls-finger -l secure with the resolver's match list verifies it
  const char* difference;  // "" when both must agree
};

const MxCase kCases[] = {
    {"listed_exactly", "mx1.example.test", true, true, ""},
    {"listed_exactly_other_case", "MX1.Example.Test", true, true, ""},
    {"matches_the_wildcard", "a.mx.example.test", true, true, ""},
    {"wildcard_does_not_match_its_base", "mx.example.test", false, false, ""},
    {"wildcard_covers_one_label_only", "a.b.mx.example.test", false, true,
     "RFC 8461 §4.1: \"*.\" matches only the left-most label, so a.b.mx.example.test is not allowed; "
     "Postfix's \".mx.example.test\" match (what the resolver turns \"*.mx.example.test\" into) takes any "
     "subdomain"},
    {"not_in_policy", "mail.newprovider.test", false, false, ""},
    {"listed_name_is_only_a_suffix", "xmx1.example.test", false, false, ""},
};

class StsMxAgreement : public fakemx::test::MxFixture, public ::testing::WithParamInterface<MxCase> {};

TEST_P(StsMxAgreement, SimAppliesTheTable) {
  StsPolicy policy;
  policy.mode = StsMode::enforce;
  policy.mx = kPatterns;
  EXPECT_EQ(policy_allows_mx(policy, GetParam().mx), GetParam().sim_keeps);
}

TEST_P(StsMxAgreement, PostfixWithTheResolversMatchListAgrees) {
  if (!std::filesystem::exists(kFinger)) GTEST_SKIP() << "posttls-finger (package postfix) is not installed";
  const MxCase& c = GetParam();
  auto host = add_host(c.mx, fakemx::pki::Profile::valid);

  const auto config = *dir_ / "postfix";
  std::filesystem::create_directories(config);
  std::ofstream(config / "main.cf") << "# posttls-finger only needs the file to exist\n";
  std::vector<std::string> argv{"/usr/bin/env", "MAIL_CONFIG=" + config.string(), kFinger, "-l", "secure", "-F",
                                ca_file().string(), "[" + host.address() + "]:" + std::to_string(host.port())};
  for (const std::string& pattern : kPatterns) argv.push_back(pattern.substr(pattern.rfind('*', 0) == 0 ? 1 : 0));
  const ProcessResult run = run_process(argv, {}, std::chrono::seconds(90));
  const Verdict peer = posttls_finger_verdict(run);
  ASSERT_NE(peer.result, kUnclassified) << run.out << run.err;
  const bool postfix_keeps = peer.result == kSuccess;
  EXPECT_EQ(postfix_keeps, c.postfix_keeps) << peer.raw;

  StsPolicy policy;
  policy.mode = StsMode::enforce;
  policy.mx = kPatterns;
  const bool sim_keeps = policy_allows_mx(policy, c.mx);
  if (std::string(c.difference).empty()) {
    EXPECT_EQ(postfix_keeps, sim_keeps) << "posttls-finger: " << peer.raw;
  } else {
    EXPECT_NE(postfix_keeps, sim_keeps) << "documented difference no longer holds: " << c.difference;
    RecordProperty("difference", c.difference);
  }
}

INSTANTIATE_TEST_SUITE_P(Hosts, StsMxAgreement, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MxCase>& param) { return std::string(param.param.id); });

}  // namespace
}  // namespace tlsrpt::test::peers
