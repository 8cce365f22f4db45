// MTA-STS (PKIX) verdicts, fault by fault: the sim's own SMTP attempt, OpenSSL's s_client and
// Postfix's posttls-finger are pointed at the same fake MX and must name the same RFC 8460 result.
// The table below is the documentation: fault -> expected result type -> what each peer prints.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "fakemx/attacker/attacker.hpp"
#include "sim/mta/smtp/smtp_client.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/peers/peer_verdict.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {
namespace {

using fakemx::pki::Profile;
constexpr const char* kFinger = "/usr/sbin/posttls-finger";

struct PkixCase {
  const char* id;            // the fault, as the test name shows it
  Profile profile;           // the certificate the MX serves
  const char* mx_fault;      // a fakemx SMTP fault armed for every session, or nullptr
  bool strip_starttls;       // connect through the on-path attacker that removes STARTTLS
  const char* expected;      // the RFC 8460 result type (or "success")
  const char* openssl_says;  // s_client's raw verdict
  const char* postfix_says;  // posttls-finger's raw verdict
};

const PkixCase kCases[] = {
    {"valid", Profile::valid, nullptr, false, "success", "Verify return code: 0 (ok)",
     "Verified TLS connection established"},
    {"certificate_expired", Profile::expired, nullptr, false, "certificate-expired",
     "num=10:certificate has expired", "certificate has expired"},
    {"certificate_not_yet_valid", Profile::not_yet_valid, nullptr, false, "validation-failure",
     "num=9:certificate is not yet valid", "certificate not yet valid"},
    {"wrong_host", Profile::wrong_name, nullptr, false, "certificate-host-mismatch", "num=62:hostname mismatch",
     "num=62:hostname mismatch"},
    {"self_signed", Profile::self_signed, nullptr, false, "certificate-not-trusted", "num=18:self-signed certificate",
     "certificate verification failed"},
    {"untrusted_issuer", Profile::rogue_root, nullptr, false, "certificate-not-trusted",
     "num=19:self-signed certificate in certificate chain", "untrusted issuer /O=nobody trusts this"},
    {"missing_intermediate", Profile::missing_intermediate, nullptr, false, "certificate-not-trusted",
     "num=20:unable to get local issuer certificate", "untrusted issuer /O=tlsrpt-lab"},
    {"starttls_not_offered", Profile::valid, "starttls-not-advertised", false, "starttls-not-supported",
     "Didn't find STARTTLS in server response", "EHLO reply without STARTTLS"},
    {"starttls_stripped_on_path", Profile::valid, nullptr, true, "starttls-not-supported",
     "Didn't find STARTTLS in server response", "EHLO reply without STARTTLS"},
    {"starttls_answered_454", Profile::valid, "starttls-454", false, "starttls-not-supported",
     "wrong version number", "STARTTLS rejected: 454"},
};

class PkixAgreement : public fakemx::test::MxFixture, public ::testing::WithParamInterface<PkixCase> {
 protected:
  void SetUp() override {
    const PkixCase& c = GetParam();
    host_.emplace(add_host("mx.example.test", c.profile));
    if (c.mx_fault) host_->arm_fault(c.mx_fault);
    address_ = host_->address();
    port_ = host_->port();
    if (c.strip_starttls) {
      fakemx::attacker::AttackerConfig config;
      config.listen_address = fakemx::test::random_loopback();
      config.upstream_address = host_->address();
      config.upstream_port = host_->port();
      attacker_ = std::make_unique<fakemx::attacker::Attacker>(config);
      address_ = attacker_->address();
      port_ = attacker_->port();
    }
  }

  // The sim as an MTA-STS enforce sender: PKIX to the suite's root, the MX name, now.
  Verdict sim() const {
    sim::SmtpAttemptOptions o;
    o.mx_host = "mx.example.test";
    o.address = address_;
    o.port = port_;
    o.source_address = fakemx::test::random_loopback();
    o.require_tls = true;
    o.require_auth = true;
    o.tls = sim::TlsPolicy{sim::Authentication::pkix, "mx.example.test", {}, ca_file().string(), {}, now_};
    const sim::SmtpAttempt a = sim::smtp_attempt(o);
    if (a.failure) return {std::string(to_string(*a.failure)), a.reason_code};
    if (a.tls && a.authenticated) return {std::string(kSuccess), "authenticated"};
    return {std::string(kUnclassified), a.error};
  }

  ProcessResult s_client() const {
    return run_process({"openssl", "s_client", "-starttls", "smtp", "-connect", address_ + ":" + std::to_string(port_),
                        "-servername", "mx.example.test", "-verify_hostname", "mx.example.test", "-CAfile",
                        ca_file().string(), "-attime", std::to_string(now_), "-verify_return_error"},
                       "QUIT\r\n", std::chrono::seconds(60));
  }

  // posttls-finger -l secure with the suite's root, printing the SMTP chat (no -c).
  ProcessResult posttls_finger() const {
    const auto config = *dir_ / "postfix";
    std::filesystem::create_directories(config);
    std::ofstream(config / "main.cf") << "# posttls-finger only needs the file to exist\n";
    return run_process({"/usr/bin/env", "MAIL_CONFIG=" + config.string(), kFinger, "-l", "secure", "-F",
                        ca_file().string(), "[" + address_ + "]:" + std::to_string(port_), "mx.example.test"},
                       {}, std::chrono::seconds(90));
  }

  std::optional<fakemx::smtp::MxHost> host_;
  std::unique_ptr<fakemx::attacker::Attacker> attacker_;
  std::string address_;
  std::uint16_t port_ = 0;
};

TEST_P(PkixAgreement, OpensslSClientAgreesWithTheSim) {
  if (!have_program("openssl")) GTEST_SKIP() << "openssl is not installed";
  const PkixCase& c = GetParam();
  const Verdict ours = sim();
  EXPECT_EQ(ours.result, c.expected) << "sim: " << ours.raw;
  const ProcessResult run = s_client();
  const Verdict peer = openssl_verdict(run);
  EXPECT_EQ(peer.result, c.expected) << peer.raw;
  EXPECT_NE(peer.raw.find(c.openssl_says), std::string::npos) << peer.raw;
  EXPECT_EQ(peer.result, ours.result) << "s_client: " << peer.raw << "\nsim: " << ours.raw;
}

TEST_P(PkixAgreement, PosttlsFingerAgreesWithTheSim) {
  if (!std::filesystem::exists(kFinger)) GTEST_SKIP() << "posttls-finger (package postfix) is not installed";
  const PkixCase& c = GetParam();
  const Verdict ours = sim();
  EXPECT_EQ(ours.result, c.expected) << "sim: " << ours.raw;
  const ProcessResult run = posttls_finger();
  const Verdict peer = posttls_finger_verdict(run);
  EXPECT_EQ(peer.result, c.expected) << run.out << run.err;
  EXPECT_NE(peer.raw.find(c.postfix_says), std::string::npos) << peer.raw;
  EXPECT_EQ(peer.result, ours.result) << "posttls-finger: " << peer.raw << "\nsim: " << ours.raw;
}

INSTANTIATE_TEST_SUITE_P(Faults, PkixAgreement, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<PkixCase>& param) { return std::string(param.param.id); });

}  // namespace
}  // namespace tlsrpt::test::peers
