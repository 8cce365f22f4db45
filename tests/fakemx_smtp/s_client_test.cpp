// Every certificate profile against OpenSSL's own client: `openssl s_client -starttls smtp` with
// -verify_return_error prints the verify error a real sender would log, and DANE-checks TLSA data.
#include <gtest/gtest.h>

#include "fakemx/pki/tlsa.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/run_process.hpp"

namespace {

using tlsrpt::fakemx::pki::Profile;
using tlsrpt::test::ProcessResult;
namespace pki = tlsrpt::fakemx::pki;

class SClientTest : public tlsrpt::fakemx::test::MxFixture {
 protected:
  void SetUp() override {
    if (!tlsrpt::test::have_program("openssl")) GTEST_SKIP() << "openssl is not installed";
  }

  ProcessResult s_client(const tlsrpt::fakemx::smtp::MxHost& host, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{"openssl", "s_client", "-starttls", "smtp", "-connect", target(host),
                                  "-servername", host.hostname(), "-verify_hostname", host.hostname(),
                                  "-CAfile", ca_file().string(), "-verify_return_error"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return tlsrpt::test::run_process(argv, "QUIT\r\n", std::chrono::seconds(60));
  }
};

std::string both(const ProcessResult& r) { return r.out + r.err; }

TEST_F(SClientTest, ValidCertificateVerifies) {
  auto mx = add_host("mx1.example.test");
  auto r = s_client(mx);
  EXPECT_EQ(r.exit_code, 0) << both(r);
  EXPECT_NE(both(r).find("Verify return code: 0 (ok)"), std::string::npos) << both(r);
  EXPECT_EQ(mx.stats().tls_handshakes, 1u);
}

struct ProfileCase {
  Profile profile;
  const char* expected;  // what s_client prints
};

TEST_F(SClientTest, EveryBrokenProfileFailsWithOpensslsOwnVerifyError) {
  const ProfileCase cases[] = {
      {Profile::expired, "verify error:num=10:certificate has expired"},
      {Profile::not_yet_valid, "verify error:num=9:certificate is not yet valid"},
      {Profile::wrong_name, "verify error:num=62:hostname mismatch"},
      {Profile::self_signed, "verify error:num=18:self-signed certificate"},
      {Profile::rogue_root, "verify error:num=19:self-signed certificate in certificate chain"},
      {Profile::missing_intermediate, "verify error:num=20:unable to get local issuer certificate"},
  };
  for (const auto& c : cases) {
    auto mx = add_host("mx2.example.test", c.profile);
    auto r = s_client(mx);
    EXPECT_NE(r.exit_code, 0) << pki::profile_name(c.profile) << "\n" << both(r);
    EXPECT_NE(both(r).find(c.expected), std::string::npos) << pki::profile_name(c.profile) << "\n" << both(r);
  }
}

TEST_F(SClientTest, WeakKeyAndSha1AreRefusedAtSecurityLevel2) {
  auto weak = add_host("mx3.example.test", Profile::weak_key);
  auto r = s_client(weak, {"-cipher", "DEFAULT:@SECLEVEL=2"});
  EXPECT_NE(r.exit_code, 0) << both(r);
  auto sha1 = add_host("mx4.example.test", Profile::sha1_signature);
  r = s_client(sha1, {"-cipher", "DEFAULT:@SECLEVEL=2"});
  EXPECT_NE(r.exit_code, 0) << both(r);
}

TEST_F(SClientTest, ExpiringCertificateVerifiesNowAndFailsAtALaterVirtualTime) {
  auto mx = add_host("mx5.example.test", Profile::expiring_at);
  EXPECT_EQ(s_client(mx).exit_code, 0);
  auto later = s_client(mx, {"-attime", std::to_string(now_ + 7200)});
  EXPECT_NE(both(later).find("num=10:certificate has expired"), std::string::npos) << both(later);
}

TEST_F(SClientTest, SwappedCredentialIsServedFromTheNextHandshake) {
  auto mx = add_host("mx6.example.test", Profile::expired);
  EXPECT_NE(s_client(mx).exit_code, 0);
  mx.set_credential(mint("mx6.example.test", Profile::valid));
  auto r = s_client(mx);
  EXPECT_EQ(r.exit_code, 0) << both(r);
}

TEST_F(SClientTest, ArmedCredentialIsServedOnTriggeredSessionsOnly) {
  auto mx = add_host("mx9.example.test");
  mx.arm_credential(mint("mx9.example.test", Profile::wrong_name), {.count = 1, .probability = 1.0});
  auto first = s_client(mx);
  EXPECT_NE(both(first).find("num=62:hostname mismatch"), std::string::npos) << both(first);
  auto second = s_client(mx);
  EXPECT_EQ(second.exit_code, 0) << both(second);
  EXPECT_EQ(mx.stats().faults_fired, 1u);
}

TEST_F(SClientTest, DaneEeMatchesAndMismatchIsError65) {
  auto mx = add_host("mx7.example.test");
  auto cred = mint("mx7.example.test", Profile::self_signed);  // DANE-EE does not care about WebPKI
  mx.set_credential(cred);
  const auto good = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256);
  auto r = s_client(mx, {"-dane_tlsa_domain", "mx7.example.test", "-dane_tlsa_rrdata", good.text()});
  EXPECT_EQ(r.exit_code, 0) << both(r);
  EXPECT_NE(both(r).find("Verification: OK"), std::string::npos) << both(r);
  EXPECT_NE(both(r).find("DANE TLSA 3 1 1"), std::string::npos) << both(r);

  const auto bad = pki::with_flipped_byte(good);
  r = s_client(mx, {"-dane_tlsa_domain", "mx7.example.test", "-dane_tlsa_rrdata", bad.text()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(both(r).find("num=65:no matching DANE TLSA records"), std::string::npos) << both(r);
}

TEST_F(SClientTest, DaneTaMatchesTheServedIntermediate) {
  auto mx = add_host("mx8.example.test");
  auto cred = mint("mx8.example.test", Profile::valid);
  mx.set_credential(cred);
  const auto ta = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ta, pki::TlsaSelector::full_cert, pki::TlsaMatching::sha512);
  auto r = s_client(mx, {"-dane_tlsa_domain", "mx8.example.test", "-dane_tlsa_rrdata", ta.text()});
  EXPECT_EQ(r.exit_code, 0) << both(r);
  EXPECT_NE(both(r).find("DANE TLSA 2 0 2"), std::string::npos) << both(r);
}

}  // namespace
