// MTA-STS MX matching (RFC 8461 §4.1), host by host: the sim as an MTA-STS enforce sender delivers
// to s0.example.test, whose only MX is the case's host, under a policy listing mx1.example.test and
// *.mx.example.test; Postfix 3.7 behind postfix-mta-sts-resolver applies the same policy as
// "secure match=..." with each pattern's leading '*' removed (the resolver's responder.py),
// checked against the MX certificate. Each MX serves a valid certificate for its own name, so the
// certificate check is the MX-name check. Both must keep or refuse the same hosts; where they
// differ, the row says why.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "fakemx/policy/policy_server.hpp"
#include "sim/mta/sender.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/peers/peer_verdict.hpp"
#include "tests/peers/sts_world.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {
namespace {

constexpr const char* kFinger = "/usr/sbin/posttls-finger";
const std::vector<std::string> kPatterns = {"mx1.example.test", "*.mx.example.test"};

struct MxCase {
  const char* id;
  const char* mx;          // the MX host name (and its certificate's name)
  bool sim_keeps;          // the sim delivers to it under the enforce policy
  bool postfix_keeps;      // posttls-finger -l secure with the resolver's match list verifies it
  const char* difference;  // "" when both must agree
};

void PrintTo(const MxCase& c, std::ostream* os) { *os << c.id; }

const MxCase kCases[] = {
    {"listed_exactly", "mx1.example.test", true, true, ""},
    {"listed_exactly_other_case", "MX1.Example.Test", true, true, ""},
    {"matches_the_wildcard", "a.mx.example.test", true, true, ""},
    {"wildcard_does_not_match_its_base", "mx.example.test", false, false, ""},
    {"wildcard_covers_one_label_only", "a.b.mx.example.test", false, true,
     "RFC 8461 §4.1: \"*.\" matches only the left-most label, so a.b.mx.example.test is not allowed; "
     "Postfix's \".mx.example.test\" match (what the resolver turns \"*.mx.example.test\" into) takes any "
     "subdomain"},
    {"not_in_policy", "mail.newprovider.example.test", false, false, ""},
    {"listed_name_is_only_a_suffix", "xmx1.example.test", false, false, ""},
};

class StsMxAgreement : public fakemx::test::MxFixture, public ::testing::WithParamInterface<MxCase> {
 protected:
  void SetUp() override {
    host_.emplace(add_host(GetParam().mx, fakemx::pki::Profile::valid));
  }

  // The sim delivering one message to s0.example.test: did the MX take it, and what was reported.
  std::pair<bool, std::string> sim() const {
    StsDomainSpec spec;
    spec.txt = {"\"v=STSv1; id=1\""};
    spec.policy_lines = fakemx::policy::policy_lines("enforce", kPatterns, 86400);
    spec.mx = {{GetParam().mx, host_->address()}};
    const StsWorld world(now_, {spec});
    // One file with both roots: the policy host's (the world's) and the MX's (the fixture's).
    const auto roots = *dir_ / "roots.pem";
    std::ofstream(roots) << std::ifstream(world.ca_file()).rdbuf() << std::ifstream(ca_file()).rdbuf();

    sim::SenderConfig c;
    c.identity = sim::ReporterIdentity{"Peer Check", "tlsrpt@sender.test", "sender.test"};
    c.mode = sim::SenderMode::mta_sts;
    c.source_address = fakemx::test::random_loopback();
    c.dns_server = world.dns().address();
    c.dns_port = world.dns().port();
    c.ca_file = roots.string();
    const std::string mx_ip = host_->address();
    const std::uint16_t mx_port = host_->port(), policy_port = world.policy_host().port();
    c.smtp_port_for = [mx_ip, mx_port](const std::string& ip) { return ip == mx_ip ? mx_port : std::uint16_t{0}; };
    c.https_port_for = [policy_port](const std::string&) { return policy_port; };
    c.step_timeout = std::chrono::seconds(30);
    sim::Sender sender(c);
    const sim::SessionOutcome o = sender.run_session(StsWorld::domain(0), now_);
    const bool kept = o.delivered && !o.result;
    return {kept, o.result ? std::string(to_string(*o.result)) : std::string(kSuccess) + " / " + o.note};
  }

  std::optional<fakemx::smtp::MxHost> host_;
};

TEST_P(StsMxAgreement, SimDeliversAsTheTableSays) {
  const auto [kept, said] = sim();
  EXPECT_EQ(kept, GetParam().sim_keeps) << said;
  if (!kept) {
    EXPECT_EQ(said, "validation-failure");  // reference/sender-rules.md §2.5
  }
}

TEST_P(StsMxAgreement, PostfixWithTheResolversMatchListAgrees) {
  if (!std::filesystem::exists(kFinger)) GTEST_SKIP() << "posttls-finger (package postfix) is not installed";
  const MxCase& c = GetParam();
  const auto config = *dir_ / "postfix";
  std::filesystem::create_directories(config);
  std::ofstream(config / "main.cf") << "# posttls-finger only needs the file to exist\n";
  std::vector<std::string> argv{"/usr/bin/env", "MAIL_CONFIG=" + config.string(), kFinger, "-l", "secure", "-F",
                                ca_file().string(), "[" + host_->address() + "]:" + std::to_string(host_->port())};
  for (const std::string& pattern : kPatterns) argv.push_back(pattern.substr(pattern.rfind('*', 0) == 0 ? 1 : 0));
  const ProcessResult run = run_process(argv, {}, std::chrono::seconds(90));
  const Verdict peer = posttls_finger_verdict(run);
  ASSERT_NE(peer.result, kUnclassified) << run.out << run.err;
  const bool postfix_keeps = peer.result == kSuccess;
  EXPECT_EQ(postfix_keeps, c.postfix_keeps) << peer.raw;

  const auto [sim_keeps, said] = sim();
  EXPECT_EQ(sim_keeps, c.sim_keeps) << said;
  if (std::string(c.difference).empty()) {
    EXPECT_EQ(postfix_keeps, sim_keeps) << "posttls-finger: " << peer.raw << "\nsim: " << said;
  } else {
    EXPECT_NE(postfix_keeps, sim_keeps) << "documented difference no longer holds: " << c.difference;
    RecordProperty("difference", c.difference);
  }
}

INSTANTIATE_TEST_SUITE_P(Hosts, StsMxAgreement, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MxCase>& param) { return std::string(param.param.id); });

}  // namespace
}  // namespace tlsrpt::test::peers
