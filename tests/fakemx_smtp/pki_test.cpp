// The PKI factory, checked by OpenSSL's own verifier (`openssl verify -attime`) and the X509 APIs.
#include <gtest/gtest.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/tlsa.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace pki = tlsrpt::fakemx::pki;
namespace fs = std::filesystem;
using pki::Profile;

namespace {

constexpr tlsrpt::UnixSeconds kNow = 1772323200;  // 2026-03-01T00:00:00Z, the virtual "now"
constexpr const char* kHost = "mx1.example.test";

class PkiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    authority_ = new pki::Authority(pki::Authority::create(kNow));
    dir_ = new fs::path(tlsrpt::test::make_temp_dir("fakemx-pki"));
    authority_->write_trust_anchor(*dir_ / "ca.pem");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete authority_;
  }

  pki::Credential mint(Profile p, pki::KeyType key = pki::KeyType::ecdsa_p256) {
    pki::LeafRequest r;
    r.host = kHost;
    r.profile = p;
    r.key = key;
    r.now = kNow;
    if (p == Profile::expiring_at) r.not_after = kNow + 14 * 3600;
    return authority_->mint(r);
  }

  // `openssl verify` of the leaf at `at`, with whatever chain the server would send as untrusted.
  tlsrpt::test::ProcessResult verify(const pki::Credential& c, tlsrpt::UnixSeconds at,
                                     std::vector<std::string> extra = {}) {
    const std::string name = std::string(pki::profile_name(c.profile)) + std::to_string(counter_++);
    pki::write_file(*dir_ / (name + ".leaf"), c.leaf_pem(), 0644);
    std::string chain;
    for (const auto& x : c.chain) chain += pki::to_pem(x.get());
    std::vector<std::string> argv{"openssl", "verify", "-attime", std::to_string(at),
                                  "-CAfile", (*dir_ / "ca.pem").string()};
    if (!chain.empty()) {
      pki::write_file(*dir_ / (name + ".chain"), chain, 0644);
      argv.insert(argv.end(), {"-untrusted", (*dir_ / (name + ".chain")).string()});
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back((*dir_ / (name + ".leaf")).string());
    return tlsrpt::test::run_process(argv);
  }

  static pki::Authority* authority_;
  static fs::path* dir_;
  int counter_ = 0;
};

pki::Authority* PkiTest::authority_ = nullptr;
fs::path* PkiTest::dir_ = nullptr;

std::string both(const tlsrpt::test::ProcessResult& r) { return r.out + r.err; }

TEST_F(PkiTest, ValidLeafVerifiesWithHostnameForRsaAndEcdsa) {
  for (auto key : {pki::KeyType::ecdsa_p256, pki::KeyType::rsa2048}) {
    auto c = mint(Profile::valid, key);
    auto r = verify(c, kNow, {"-verify_hostname", kHost});
    EXPECT_EQ(r.exit_code, 0) << both(r);
    EXPECT_NE(r.out.find(": OK"), std::string::npos) << both(r);
  }
  EXPECT_EQ(EVP_PKEY_get_base_id(mint(Profile::valid, pki::KeyType::rsa2048).key.get()), EVP_PKEY_RSA);
  EXPECT_EQ(EVP_PKEY_get_base_id(mint(Profile::valid).key.get()), EVP_PKEY_EC);
}

TEST_F(PkiTest, ExpiredIsError10) {
  auto r = verify(mint(Profile::expired), kNow);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(both(r).find("error 10 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, NotYetValidIsError9) {
  auto r = verify(mint(Profile::not_yet_valid), kNow);
  EXPECT_NE(both(r).find("error 9 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, ExpiringAtIsValidBeforeAndExpiredAfterTheInstant) {
  auto c = mint(Profile::expiring_at);
  EXPECT_EQ(verify(c, kNow + 14 * 3600 - 60).exit_code, 0);
  auto after = verify(c, kNow + 14 * 3600 + 60);
  EXPECT_NE(both(after).find("error 10 at 0 depth"), std::string::npos) << both(after);
}

TEST_F(PkiTest, WrongNameIsError62) {
  auto r = verify(mint(Profile::wrong_name), kNow, {"-verify_hostname", kHost});
  EXPECT_NE(both(r).find("error 62 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, CnOnlyHasNoSanAndMatchesOnlyThroughTheSubject) {
  auto c = mint(Profile::cn_only);
  EXPECT_EQ(X509_get_ext_by_NID(c.leaf.get(), NID_subject_alt_name, -1), -1);
  EXPECT_EQ(X509_check_host(c.leaf.get(), kHost, 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(c.leaf.get(), kHost, 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr), 0);
  EXPECT_EQ(verify(c, kNow).exit_code, 0);
}

TEST_F(PkiTest, WildcardCoversOneLabelOnly) {
  auto c = mint(Profile::wildcard);
  EXPECT_EQ(verify(c, kNow, {"-verify_hostname", kHost}).exit_code, 0);
  EXPECT_EQ(X509_check_host(c.leaf.get(), "a.mx1.example.test", 0, 0, nullptr), 0);
  EXPECT_EQ(X509_check_host(c.leaf.get(), "example.test", 0, 0, nullptr), 0);
}

TEST_F(PkiTest, SelfSignedIsError18) {
  auto c = mint(Profile::self_signed);
  EXPECT_TRUE(c.chain.empty());
  auto r = verify(c, kNow);
  EXPECT_NE(both(r).find("error 18 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, RogueRootIsError19) {
  auto r = verify(mint(Profile::rogue_root), kNow);
  EXPECT_NE(both(r).find("error 19 at 1 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, MissingIntermediateIsError20) {
  auto c = mint(Profile::missing_intermediate);
  EXPECT_TRUE(c.chain.empty());
  auto r = verify(c, kNow);
  EXPECT_NE(both(r).find("error 20 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, WeakKeyIsRsa1024AndRejectedAtSecurityLevel2) {
  auto c = mint(Profile::weak_key);
  EXPECT_EQ(EVP_PKEY_get_bits(c.key.get()), 1024);
  EXPECT_EQ(EVP_PKEY_get_base_id(c.key.get()), EVP_PKEY_RSA);
  auto r = verify(c, kNow, {"-auth_level", "2"});
  EXPECT_NE(both(r).find("error 66 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, Sha1SignatureIsRejectedAtSecurityLevel2) {
  auto c = mint(Profile::sha1_signature);
  EXPECT_EQ(X509_get_signature_nid(c.leaf.get()), NID_ecdsa_with_SHA1);
  auto r = verify(c, kNow, {"-auth_level", "2"});
  EXPECT_NE(r.exit_code, 0) << both(r);
  EXPECT_NE(both(r).find("error 68 at 0 depth"), std::string::npos) << both(r);
}

TEST_F(PkiTest, EveryProfileHasAStableNameThatRoundTrips) {
  for (auto p : pki::all_profiles()) EXPECT_EQ(pki::parse_profile(pki::profile_name(p)), p);
  EXPECT_FALSE(pki::parse_profile("no-such-profile"));
}

TEST_F(PkiTest, ExpiringAtWithoutAnInstantIsRejected) {
  pki::LeafRequest r;
  r.host = kHost;
  r.profile = Profile::expiring_at;
  r.now = kNow;
  EXPECT_THROW(authority_->mint(r), std::invalid_argument);
}

TEST_F(PkiTest, KeysAreWrittenMode0600) {
  auto files = mint(Profile::valid).write(*dir_, "mx1");
  struct stat st {};
  ASSERT_EQ(::stat(files.key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(files.cert_chain.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(PkiTest, TlsaMatchesOpensslOwnDigestOfTheSpki) {
  if (!tlsrpt::test::have_program("openssl")) GTEST_SKIP() << "openssl missing";
  auto c = mint(Profile::valid);
  pki::write_file(*dir_ / "tlsa.leaf", c.leaf_pem(), 0644);
  // openssl x509 -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256, without a shell.
  auto pub = tlsrpt::test::run_process({"openssl", "x509", "-in", (*dir_ / "tlsa.leaf").string(), "-noout", "-pubkey"});
  ASSERT_EQ(pub.exit_code, 0);
  auto der = tlsrpt::test::run_process({"openssl", "pkey", "-pubin", "-outform", "DER"}, pub.out);
  ASSERT_EQ(der.exit_code, 0);
  auto dgst = tlsrpt::test::run_process({"openssl", "dgst", "-sha256", "-r"}, der.out);
  ASSERT_EQ(dgst.exit_code, 0);
  const auto record = pki::tlsa_for(c, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256);
  EXPECT_EQ(record.text(), "3 1 1 " + dgst.out.substr(0, 64));
}

TEST_F(PkiTest, TlsaShapesAndWrongVariants) {
  auto c = mint(Profile::valid);
  using pki::TlsaMatching;
  using pki::TlsaSelector;
  using pki::TlsaUsage;
  EXPECT_EQ(pki::tlsa_for(c, TlsaUsage::dane_ee, TlsaSelector::full_cert, TlsaMatching::sha512).data.size(), 64u);
  const auto full = pki::tlsa_for(c, TlsaUsage::dane_ee, TlsaSelector::full_cert, TlsaMatching::full);
  EXPECT_EQ(full.data.size(), static_cast<std::size_t>(i2d_X509(c.leaf.get(), nullptr)));
  const auto ta = pki::tlsa_for(c, TlsaUsage::dane_ta, TlsaSelector::spki, TlsaMatching::sha256);
  EXPECT_EQ(ta.text().substr(0, 6), "2 1 1 ");
  EXPECT_EQ(ta.data, pki::compute_tlsa(authority_->intermediate(), TlsaUsage::dane_ta, TlsaSelector::spki,
                                       TlsaMatching::sha256).data);
  const auto good = pki::tlsa_for(c, TlsaUsage::dane_ee, TlsaSelector::spki, TlsaMatching::sha256);
  EXPECT_NE(pki::with_flipped_byte(good).data, good.data);
  EXPECT_EQ(pki::with_flipped_byte(good).data.size(), 32u);
  EXPECT_EQ(pki::with_truncated_digest(good).data.size(), 31u);
}

}  // namespace
