// The sender's SMTP client against the real fake MX (fakemx/smtp over loopback): every certificate
// profile and STARTTLS fault, classified as RFC 8460 §4.3 says, in enforce and testing behaviour.
#include "sim/mta/smtp/smtp_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <memory>

#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/tlsa.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "tests/sim/suite_pki.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::sim {
namespace {

namespace pki = tlsrpt::fakemx::pki;
namespace fsmtp = tlsrpt::fakemx::smtp;

constexpr UnixSeconds kNow = 1772366400;  // 2026-03-01T12:00:00Z, the virtual time of every check
constexpr const char* kHost = "mx1.example.test";

class SmtpClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = std::make_unique<test_support::SuitePki>(kNow, "sim-smtp"); }
  static void TearDownTestSuite() { pki_.reset(); }

  void SetUp() override {
    server_ = std::make_unique<fsmtp::MxServer>(1);
    fsmtp::MxHostConfig config;
    config.hostname = kHost;
    config.address = "127.0.31.1";
    host_ = std::make_unique<fsmtp::MxHost>(server_->add_host(config));
    host_->set_message_hook([this](const fsmtp::Envelope& e, std::string_view) {
      ++messages_;
      last_tls_ = e.tls;
      return fsmtp::Reply{250, "2.0.0 queued"};
    });
  }

  std::shared_ptr<pki::Credential> serve(pki::Profile profile) {
    pki::LeafRequest request;
    request.host = kHost;
    request.profile = profile;
    request.now = kNow;
    auto cred = std::make_shared<pki::Credential>(pki_->authority.mint(request));
    host_->set_credential(cred);
    return cred;
  }

  SmtpAttemptOptions pkix(bool enforce) const {
    SmtpAttemptOptions o;
    o.mx_host = kHost;
    o.address = host_->address();
    o.port = host_->port();
    o.source_address = "127.0.31.100";
    o.ehlo_name = "sender.test";
    o.require_tls = enforce;
    o.require_auth = enforce;
    o.tls = TlsPolicy{Authentication::pkix, kHost, {}, pki_->ca_file, {}, kNow};
    o.message = SmtpMessage{"a@sender.test", "b@example.test", "Subject: hi\r\n\r\n.dot line\r\nbody\r\n"};
    return o;
  }

  static inline std::unique_ptr<test_support::SuitePki> pki_;
  std::unique_ptr<fsmtp::MxServer> server_;
  std::unique_ptr<fsmtp::MxHost> host_;
  std::atomic<int> messages_{0};
  std::atomic<bool> last_tls_{false};
};

TEST_F(SmtpClientTest, ValidCertificateIsAuthenticatedAndDelivered) {
  serve(pki::Profile::valid);
  SmtpAttempt a = smtp_attempt(pkix(true));
  EXPECT_TRUE(a.connected) << a.error;
  EXPECT_TRUE(a.tls);
  EXPECT_TRUE(a.authenticated);
  EXPECT_FALSE(a.failure);
  EXPECT_TRUE(a.delivered) << a.error;
  EXPECT_EQ(a.helo_name, kHost);
  EXPECT_EQ(a.peer_ip, "127.0.31.1");
  EXPECT_EQ(messages_.load(), 1);
  EXPECT_TRUE(last_tls_.load());
}

struct CertCase {
  pki::Profile profile;
  ResultType expected;
  const char* reason;
};

class CertificateFaults : public SmtpClientTest, public ::testing::WithParamInterface<CertCase> {};

TEST_P(CertificateFaults, EnforceDefersTestingDeliversBothReport) {
  const CertCase c = GetParam();
  serve(c.profile);
  SmtpAttempt enforce = smtp_attempt(pkix(true));
  ASSERT_TRUE(enforce.failure) << pki::profile_name(c.profile);
  EXPECT_EQ(to_string(*enforce.failure), to_string(c.expected)) << pki::profile_name(c.profile);
  EXPECT_EQ(enforce.reason_code, c.reason);
  EXPECT_FALSE(enforce.delivered);
  EXPECT_EQ(messages_.load(), 0);

  SmtpAttempt testing = smtp_attempt(pkix(false));
  ASSERT_TRUE(testing.failure);
  EXPECT_EQ(*testing.failure, c.expected);
  EXPECT_TRUE(testing.delivered) << testing.error;
  EXPECT_EQ(messages_.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc8460_4_3_1, CertificateFaults,
    ::testing::Values(
        CertCase{pki::Profile::expired, ResultType::certificate_expired, "X509_V_ERR_CERT_HAS_EXPIRED"},
        CertCase{pki::Profile::wrong_name, ResultType::certificate_host_mismatch, "X509_V_ERR_HOSTNAME_MISMATCH"},
        CertCase{pki::Profile::cn_only, ResultType::certificate_host_mismatch, "X509_V_ERR_HOSTNAME_MISMATCH"},
        CertCase{pki::Profile::self_signed, ResultType::certificate_not_trusted,
                 "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT"},
        CertCase{pki::Profile::rogue_root, ResultType::certificate_not_trusted,
                 "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN"},
        CertCase{pki::Profile::missing_intermediate, ResultType::certificate_not_trusted,
                 "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"},
        CertCase{pki::Profile::not_yet_valid, ResultType::validation_failure, "X509_V_ERR_CERT_NOT_YET_VALID"}),
    [](const ::testing::TestParamInfo<CertCase>& param_info) {
      std::string n(pki::profile_name(param_info.param.profile));
      for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST_F(SmtpClientTest, CertificateChecksUseTheVirtualTime) {
  serve(pki::Profile::valid);
  SmtpAttemptOptions o = pkix(true);
  o.tls.verify_time = kNow + 20 * 365 * 86400LL;  // long after the leaf's not_after
  SmtpAttempt a = smtp_attempt(o);
  ASSERT_TRUE(a.failure);
  EXPECT_EQ(*a.failure, ResultType::certificate_expired);
}

TEST_F(SmtpClientTest, StarttlsNotAdvertised) {
  serve(pki::Profile::valid);
  host_->arm_fault("starttls-not-advertised");
  SmtpAttempt enforce = smtp_attempt(pkix(true));
  EXPECT_EQ(enforce.failure, ResultType::starttls_not_supported);
  EXPECT_FALSE(enforce.starttls_offered);
  EXPECT_FALSE(enforce.delivered);
  SmtpAttempt testing = smtp_attempt(pkix(false));
  EXPECT_EQ(testing.failure, ResultType::starttls_not_supported);
  EXPECT_TRUE(testing.delivered) << testing.error;  // cleartext
  EXPECT_FALSE(last_tls_.load());
}

TEST_F(SmtpClientTest, StarttlsRefusedWith454) {
  serve(pki::Profile::valid);
  host_->arm_fault("starttls-454");
  SmtpAttempt a = smtp_attempt(pkix(true));
  EXPECT_EQ(a.failure, ResultType::starttls_not_supported);
  EXPECT_EQ(a.reason_code, "smtp-starttls-reply-code-454");
  EXPECT_FALSE(a.delivered);
}

TEST_F(SmtpClientTest, HandshakeFailureIsValidationFailure) {
  serve(pki::Profile::valid);
  host_->arm_fault("handshake-abort");
  SmtpAttempt a = smtp_attempt(pkix(true));
  EXPECT_EQ(a.failure, ResultType::validation_failure);
  EXPECT_TRUE(a.reason_code.starts_with("tls-handshake-failure")) << a.reason_code;
  EXPECT_FALSE(a.delivered);
}

TEST_F(SmtpClientTest, ProbeQuitsAfterTheHandshake) {
  serve(pki::Profile::valid);
  SmtpAttemptOptions o = pkix(true);
  o.message.reset();
  SmtpAttempt a = smtp_attempt(o);
  EXPECT_TRUE(a.authenticated);
  EXPECT_FALSE(a.delivered);
  EXPECT_EQ(a.transcript.back().substr(0, 6), "S: 221");
  EXPECT_EQ(messages_.load(), 0);
}

TEST_F(SmtpClientTest, ConnectionRefusedIsATransportErrorNotAReportedFailure) {
  SmtpAttemptOptions o = pkix(true);
  o.address = "127.0.31.2";
  o.port = 1;
  SmtpAttempt a = smtp_attempt(o);
  EXPECT_FALSE(a.connected);
  EXPECT_FALSE(a.failure);
  EXPECT_FALSE(a.error.empty());
}

SmtpAttemptOptions dane(const SmtpAttemptOptions& base, const pki::Tlsa& t) {
  SmtpAttemptOptions o = base;
  o.tls.auth = Authentication::dane;
  o.tls.ca_file.clear();
  o.tls.tlsa = {*parse_tlsa(t.text())};
  return o;
}

TEST_F(SmtpClientTest, DaneEeIgnoresExpiryNameAndTrust) {
  for (pki::Profile p : {pki::Profile::expired, pki::Profile::wrong_name, pki::Profile::self_signed}) {
    auto cred = serve(p);
    auto tlsa = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256);
    SmtpAttempt a = smtp_attempt(dane(pkix(true), tlsa));
    EXPECT_TRUE(a.authenticated) << pki::profile_name(p) << ": " << a.reason_code;
    EXPECT_FALSE(a.failure);
    EXPECT_TRUE(a.delivered);
  }
}

TEST_F(SmtpClientTest, DaneNoMatchIsValidationFailure) {
  auto cred = serve(pki::Profile::valid);
  auto tlsa = pki::with_flipped_byte(
      pki::tlsa_for(*cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256));
  SmtpAttempt a = smtp_attempt(dane(pkix(true), tlsa));
  ASSERT_TRUE(a.failure);
  EXPECT_EQ(*a.failure, ResultType::validation_failure);
  EXPECT_EQ(a.reason_code, "X509_V_ERR_DANE_NO_MATCH");
  EXPECT_FALSE(a.delivered);
}

TEST_F(SmtpClientTest, DaneTaChecksNamesAndExpiry) {
  auto cred = serve(pki::Profile::valid);
  auto ta = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ta, pki::TlsaSelector::full_cert, pki::TlsaMatching::sha256);
  EXPECT_TRUE(smtp_attempt(dane(pkix(true), ta)).authenticated);

  cred = serve(pki::Profile::wrong_name);
  ta = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ta, pki::TlsaSelector::full_cert, pki::TlsaMatching::sha256);
  EXPECT_EQ(smtp_attempt(dane(pkix(true), ta)).failure, ResultType::certificate_host_mismatch);

  cred = serve(pki::Profile::expired);
  ta = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ta, pki::TlsaSelector::full_cert, pki::TlsaMatching::sha256);
  EXPECT_EQ(smtp_attempt(dane(pkix(true), ta)).failure, ResultType::certificate_expired);
}

TEST(Tlsa, ParseAndText) {
  auto rr = parse_tlsa("3 1 1 0aFF");
  ASSERT_TRUE(rr);
  EXPECT_EQ(rr->text(), "3 1 1 0AFF");
  EXPECT_FALSE(parse_tlsa("3 1 1 0aF"));
  EXPECT_FALSE(parse_tlsa("3 1"));
  EXPECT_FALSE(parse_tlsa("300 1 1 00"));
}

}  // namespace
}  // namespace tlsrpt::sim
