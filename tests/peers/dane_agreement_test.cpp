// DANE verdicts, fault by fault: the sim as a DANE sender (its own DNSSEC-validating resolver
// against fakedns), OpenSSL's s_client fed the TLSA records a validating unbound returns, and
// Postfix's posttls-finger at security level "dane" behind that unbound, all meet the same MX and
// zone and must name the same RFC 8460 result. The table is the documentation.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "fakemx/pki/tlsa.hpp"
#include "sim/mta/sender.hpp"
#include "tests/peers/dane_world.hpp"
#include "tests/peers/peer_verdict.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {
namespace {

namespace pki = fakemx::pki;
constexpr const char* kFinger = "/usr/sbin/posttls-finger";

enum class Publish { ee_of_served, ta_of_served, ee_of_retired_key };

struct DaneCase {
  const char* id;
  pki::Profile profile;      // what the MX serves
  Publish publish;           // which TLSA record the zone has
  bool bogus_tlsa;           // the TLSA RRset's signature is broken
  const char* expected;      // the RFC 8460 result type (or "success")
  const char* openssl_says;  // dig through unbound, then s_client with those records
  const char* postfix_says;  // posttls-finger -l dane
};

const DaneCase kCases[] = {
    {"tlsa_matches_dane_ee", pki::Profile::self_signed, Publish::ee_of_served, false, "success",
     "Verify return code: 0 (ok)", "Verified TLS connection established"},
    {"tlsa_matches_dane_ta", pki::Profile::valid, Publish::ta_of_served, false, "success",
     "Verify return code: 0 (ok)", "Verified TLS connection established"},
    {"tlsa_rollover_done_wrong", pki::Profile::valid, Publish::ee_of_retired_key, false, "validation-failure",
     "num=65:no matching DANE TLSA records", "num=65:no matching DANE TLSA records"},
    {"dane_ee_with_expired_certificate", pki::Profile::expired, Publish::ee_of_served, false, "success",
     "Verify return code: 0 (ok)", "Verified TLS connection established"},
    {"dnssec_bogus_tlsa", pki::Profile::valid, Publish::ee_of_served, true, "dnssec-invalid", "status: SERVFAIL",
     "TLSA lookup error"},
};
constexpr std::size_t kCaseCount = std::size(kCases);

std::size_t index_of(const DaneCase& c) {
  for (std::size_t i = 0; i < kCaseCount; ++i)
    if (std::string_view(kCases[i].id) == c.id) return i;
  return kCaseCount;
}

// "_25._tcp.mx0.example.test. 300 IN TLSA 3 1 1 ABCD EF01" -> "3 1 1 abcdef01" (dig splits long hex).
std::vector<std::string> tlsa_rdatas(const std::string& dig_out) {
  std::vector<std::string> out;
  std::istringstream lines(dig_out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == ';') continue;
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
    if (w.size() < 8 || w[3] != "TLSA") continue;
    std::string rdata = w[4] + " " + w[5] + " " + w[6] + " ";
    for (std::size_t i = 7; i < w.size(); ++i) rdata += w[i];
    out.push_back(rdata);
  }
  return out;
}

class DaneAgreement : public ::testing::TestWithParam<DaneCase> {
 protected:
  static void SetUpTestSuite() {
    now_ = static_cast<UnixSeconds>(std::time(nullptr));
    authority_ = std::make_unique<pki::Authority>(pki::Authority::create(now_));
    std::vector<DaneHostSpec> hosts;
    for (std::size_t i = 0; i < kCaseCount; ++i) {
      const DaneCase& c = kCases[i];
      DaneHostSpec h;
      h.served = mint(i, c.profile);
      switch (c.publish) {
        case Publish::ee_of_served:
          h.tlsa = {pki::tlsa_for(*h.served, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki,
                                  pki::TlsaMatching::sha256).text()};
          break;
        case Publish::ta_of_served:
          h.tlsa = {pki::tlsa_for(*h.served, pki::TlsaUsage::dane_ta, pki::TlsaSelector::full_cert,
                                  pki::TlsaMatching::sha256).text()};
          break;
        case Publish::ee_of_retired_key:  // the key rolled over, the TLSA record did not follow
          h.tlsa = {pki::tlsa_for(*mint(i, c.profile), pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki,
                                  pki::TlsaMatching::sha256).text()};
          break;
      }
      h.bogus_tlsa = c.bogus_tlsa;
      hosts.push_back(std::move(h));
    }
    try {
      world_ = std::make_unique<DaneWorld>(now_, hosts);
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    world_.reset();
    authority_.reset();
  }

  void SetUp() override {
    if (!setup_error_.empty()) GTEST_SKIP() << "the DANE world could not start: " << setup_error_;
    index_ = index_of(GetParam());
  }

  static std::shared_ptr<const pki::Credential> mint(std::size_t index, pki::Profile profile) {
    pki::LeafRequest r;
    r.host = DaneWorld::mx_name(index);
    r.profile = profile;
    r.now = now_;
    return std::make_shared<const pki::Credential>(authority_->mint(r));
  }

  // The sim as a DANE sender delivering one message to rN.example.test.
  Verdict sim() const {
    sim::SenderConfig c;
    c.identity = sim::ReporterIdentity{"Peer Check", "tlsrpt@sender.test", "sender.test"};
    c.mode = sim::SenderMode::dane;
    c.source_address = "127.0.0.1";
    c.dns_server = world_->dns().address();
    c.dns_port = world_->dns().port();
    c.trust_anchors = {world_->trust_anchor_ds()};
    c.smtp_port_for = [](const std::string& ip) { return world_->smtp_port_for(ip); };
    c.step_timeout = std::chrono::seconds(30);
    sim::Sender sender(c);
    const sim::SessionOutcome o = sender.run_session(DaneWorld::domain(index_), now_);
    const std::string raw = o.note + (o.attempts.empty() ? "" : " / " + o.attempts.front().reason);
    if (o.result) return {std::string(to_string(*o.result)), raw};
    if (o.delivered) return {std::string(kSuccess), raw};
    return {std::string(kUnclassified), raw};
  }

  std::size_t index_ = 0;
  static inline UnixSeconds now_ = 0;
  static inline std::unique_ptr<pki::Authority> authority_;
  static inline std::unique_ptr<DaneWorld> world_;
  static inline std::string setup_error_;
};

TEST_P(DaneAgreement, OpensslSClientBehindAValidatingResolverAgreesWithTheSim) {
  if (!have_program("openssl") || !have_program("dig")) GTEST_SKIP() << "openssl or dig is not installed";
  const DaneCase& c = GetParam();
  const Verdict ours = sim();
  EXPECT_EQ(ours.result, c.expected) << "sim: " << ours.raw;

  const std::string mx = DaneWorld::mx_name(index_);
  const ProcessResult lookup = world_->resolver().dig("_25._tcp." + mx, "TLSA");
  Verdict peer = dig_tlsa_verdict(lookup);
  if (peer.result == kSuccess) {  // validated records: OpenSSL's DANE decides
    const auto records = tlsa_rdatas(lookup.out);
    ASSERT_FALSE(records.empty()) << lookup.out;
    const auto& host = world_->mx(index_);
    std::vector<std::string> argv{"openssl", "s_client", "-starttls", "smtp",
                                  "-connect", host.address() + ":" + std::to_string(host.port()),
                                  "-servername", mx, "-attime", std::to_string(now_),
                                  "-verify_return_error", "-dane_tlsa_domain", mx};
    for (const auto& r : records) argv.insert(argv.end(), {"-dane_tlsa_rrdata", r});
    peer = openssl_verdict(run_process(argv, "QUIT\r\n", std::chrono::seconds(60)));
  }
  EXPECT_EQ(peer.result, c.expected) << peer.raw << "\n" << world_->resolver().log();
  EXPECT_NE(peer.raw.find(c.openssl_says), std::string::npos) << peer.raw;
  EXPECT_EQ(peer.result, ours.result) << "openssl: " << peer.raw << "\nsim: " << ours.raw;
}

TEST_P(DaneAgreement, PosttlsFingerAtLevelDaneAgreesWithTheSim) {
  if (!std::filesystem::exists(kFinger)) GTEST_SKIP() << "posttls-finger (package postfix) is not installed";
  if (!world_->on_standard_ports())
    GTEST_SKIP() << "posttls-finger asks the system resolver on port 53 and DANE-checks port 25: needs root";
  const ProcessResult probe = run_process({TLSRPT_WITH_RESOLV_CONF, world_->resolver().resolv_conf().string(), "true"});
  if (probe.exit_code != 0) GTEST_SKIP() << "no private mount namespace for resolv.conf: " << probe.err;

  const DaneCase& c = GetParam();
  const Verdict ours = sim();
  EXPECT_EQ(ours.result, c.expected) << "sim: " << ours.raw;

  const auto config = world_->dir() / "postfix";
  std::filesystem::create_directories(config);
  std::ofstream(config / "main.cf") << "# posttls-finger only needs the file to exist\n";
  const ProcessResult run = run_process({TLSRPT_WITH_RESOLV_CONF, world_->resolver().resolv_conf().string(),
                                         "/usr/bin/env", "MAIL_CONFIG=" + config.string(), kFinger, "-l", "dane",
                                         "-o", "smtp_dns_support_level=dnssec", DaneWorld::domain(index_)},
                                        {}, std::chrono::seconds(120));
  const Verdict peer = posttls_finger_verdict(run);
  EXPECT_EQ(peer.result, c.expected) << run.out << run.err;
  EXPECT_NE(peer.raw.find(c.postfix_says), std::string::npos) << peer.raw;
  EXPECT_EQ(peer.result, ours.result) << "posttls-finger: " << peer.raw << "\nsim: " << ours.raw;
}

INSTANTIATE_TEST_SUITE_P(Faults, DaneAgreement, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<DaneCase>& param) { return std::string(param.param.id); });

}  // namespace
}  // namespace tlsrpt::test::peers
