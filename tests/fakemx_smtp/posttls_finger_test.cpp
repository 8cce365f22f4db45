// Postfix's own TLS client, posttls-finger, in "secure" mode against certificate profiles and
// through the attacker: its verdict is what a Postfix sender would log.
#include <gtest/gtest.h>

#include <fstream>

#include "fakemx/attacker/attacker.hpp"
#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/run_process.hpp"

namespace {

using tlsrpt::fakemx::pki::Profile;
using tlsrpt::test::ProcessResult;

constexpr const char* kFinger = "/usr/sbin/posttls-finger";

class PosttlsFingerTest : public tlsrpt::fakemx::test::MxFixture {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kFinger)) GTEST_SKIP() << "posttls-finger (package postfix) is not installed";
    config_dir_ = *dir_ / "postfix";
    std::filesystem::create_directories(config_dir_);
    std::ofstream(config_dir_ / "main.cf") << "# posttls-finger only needs the file to exist\n";
  }

  // posttls-finger -c -l secure -F ca.pem [addr]:port match-name, with MAIL_CONFIG set (no shell).
  // With `chat`, the SMTP dialogue is printed too (no -c).
  ProcessResult finger(const std::string& address, std::uint16_t port, const std::string& match, bool chat = false) {
    std::vector<std::string> argv{"/usr/bin/env", "MAIL_CONFIG=" + config_dir_.string(), kFinger};
    if (!chat) argv.push_back("-c");
    argv.insert(argv.end(), {"-l", "secure", "-F", ca_file().string(), "[" + address + "]:" + std::to_string(port), match});
    return tlsrpt::test::run_process(argv, {}, std::chrono::seconds(90));
  }

  std::filesystem::path config_dir_;
};

std::string both(const ProcessResult& r) { return r.out + r.err; }

TEST_F(PosttlsFingerTest, ValidIsVerified) {
  auto mx = add_host("mx1.example.test");
  auto r = finger(mx.address(), mx.port(), "mx1.example.test");
  EXPECT_NE(both(r).find("Verified TLS connection established"), std::string::npos) << both(r);
}

TEST_F(PosttlsFingerTest, BrokenProfilesAreUntrustedWithPostfixsReason) {
  const std::pair<Profile, const char*> cases[] = {
      {Profile::expired, "certificate has expired"},
      {Profile::wrong_name, "num=62:hostname mismatch"},
      {Profile::rogue_root, "untrusted issuer /O=nobody trusts this/CN=Rogue Root CA (untrusted)"},
      {Profile::missing_intermediate, "untrusted issuer /O=tlsrpt-lab/CN=tlsrpt-lab Issuing CA 1"},
  };
  for (const auto& [profile, reason] : cases) {
    auto mx = add_host("mx2.example.test", profile);
    auto r = finger(mx.address(), mx.port(), "mx2.example.test");
    EXPECT_NE(both(r).find("certificate verification failed for"), std::string::npos) << both(r);
    EXPECT_NE(both(r).find(reason), std::string::npos) << both(r);
    EXPECT_NE(both(r).find("Untrusted TLS connection established"), std::string::npos) << both(r);
  }
}

TEST_F(PosttlsFingerTest, StrippedStarttlsIsNoticed) {
  auto mx = add_host("mx3.example.test");
  tlsrpt::fakemx::attacker::AttackerConfig c;
  c.listen_address = tlsrpt::fakemx::test::random_loopback();
  c.upstream_address = mx.address();
  c.upstream_port = mx.port();
  tlsrpt::fakemx::attacker::Attacker evil(c);
  auto r = finger(evil.address(), evil.port(), "mx3.example.test", true);
  // The EHLO reply ends without STARTTLS, so Postfix quits without TLS.
  EXPECT_NE(both(r).find("< 250 ENHANCEDSTATUSCODES"), std::string::npos) << both(r);
  EXPECT_EQ(both(r).find("STARTTLS"), std::string::npos) << both(r);
  EXPECT_EQ(both(r).find("TLS connection established"), std::string::npos) << both(r);
  EXPECT_NE(both(r).find("> QUIT"), std::string::npos) << both(r);
  EXPECT_EQ(mx.stats().tls_handshakes, 0u);
}

}  // namespace
