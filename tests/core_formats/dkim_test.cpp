// DKIM: sign -> verify with OpenDKIM, every failure reason, and independent peers (dkimpy verifies
// our signatures and signs messages we verify; opendkim-testmsg signs messages we verify).
#include "core/formats/dkim.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt {
namespace {

constexpr std::int64_t kTime = 1772330400;  // 2026-03-01T02:00:00Z

// One key for the whole suite: RSA-2048 generation is the slow part.
const DkimKeyPair& key() {
  static const DkimKeyPair k = make_dkim_key(2048);
  return k;
}

std::string report_mail() {
  ReportEmailSpec s;
  s.from = "TLS Reports <tlsrpt@sender.example>";
  s.to = "tlsrpt@example.net";
  s.policy_domain = "example.net";
  s.submitter = "sender.example";
  s.report_id = "r1@sender.example";
  s.message_id = "r1@sender.example";
  s.date_rfc5322 = "Sun, 01 Mar 2026 02:00:00 +0000";
  s.human_text = "This is an aggregate TLS report from sender.example\n";
  s.attachment_name = "sender.example!example.net!1772323200!1772409599!001.json.gz";
  s.attachment = gzip_compress(R"({"organization-name":"Sender","policies":[]})");
  return build_report_email(s);
}

DkimSigner signer() { return {"sender.example", "tls2026", key().private_key_pem}; }

KeyLookup map_lookup(std::map<std::string, std::string> keys) {
  return [keys = std::move(keys)](std::string_view selector, std::string_view domain) -> std::optional<std::string> {
    const auto it = keys.find(std::string(selector) + "._domainkey." + std::string(domain));
    if (it == keys.end()) return std::nullopt;
    return it->second;
  };
}

KeyLookup good_lookup(std::string_view services = "tlsrpt") {
  return map_lookup({{"tls2026._domainkey.sender.example", dkim_txt_record(key().public_key_b64, services)}});
}

TEST(Dkim, TxtRecordShape) {
  const auto txt = dkim_txt_record("QUJD");
  EXPECT_EQ(txt, "v=DKIM1; k=rsa; s=tlsrpt; p=QUJD");
  EXPECT_NE(key().private_key_pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  EXPECT_GT(key().public_key_b64.size(), 360u) << "a 2048-bit SPKI is about 392 base64 characters";
}

TEST(Dkim, SignIsDeterministicAndVerifies) {
  const auto signed_mail = dkim_sign(report_mail(), signer(), kTime);
  EXPECT_EQ(signed_mail, dkim_sign(report_mail(), signer(), kTime));
  ASSERT_EQ(signed_mail.rfind("DKIM-Signature: ", 0), 0u);
  const std::string header = signed_mail.substr(0, signed_mail.find("\r\nFrom:"));  // the DKIM-Signature field
  EXPECT_NE(header.find("c=relaxed/relaxed"), std::string::npos);
  EXPECT_NE(header.find("a=rsa-sha256"), std::string::npos);
  EXPECT_NE(header.find("t=1772330400"), std::string::npos);
  EXPECT_NE(header.find("TLS-Report-Domain:"), std::string::npos);
  EXPECT_EQ(header.find("Auto-Submitted"), std::string::npos) << "only the listed headers are signed";
  EXPECT_EQ(header.find(" l="), std::string::npos);
  EXPECT_EQ(header.find(";l="), std::string::npos);

  const auto r = dkim_verify(signed_mail, good_lookup(), kTime + 60);
  EXPECT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.domain, "sender.example");
  EXPECT_EQ(r.selector, "tls2026");
  EXPECT_EQ(r.key_services, "tlsrpt");
  EXPECT_TRUE(r.key_allows_tlsrpt);
  EXPECT_TRUE(r.covers_tls_report_headers);

  Findings findings;
  const auto parsed = parse_report_email(signed_mail, findings);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->has_dkim_signature);
}

TEST(Dkim, KeyServiceTypes) {
  const auto signed_mail = dkim_sign(report_mail(), signer(), kTime);
  const auto any = dkim_verify(signed_mail, good_lookup(""), kTime);
  EXPECT_TRUE(any.ok()) << any.reason;
  EXPECT_FALSE(any.key_services);
  EXPECT_TRUE(any.key_allows_tlsrpt);
  const auto email = dkim_verify(signed_mail, good_lookup("email"), kTime);
  EXPECT_TRUE(email.ok()) << email.reason;
  EXPECT_FALSE(email.key_allows_tlsrpt);
  const auto both = dkim_verify(signed_mail, good_lookup("email:tlsrpt"), kTime);
  EXPECT_TRUE(both.ok()) << both.reason;
  EXPECT_TRUE(both.key_allows_tlsrpt);
}

TEST(Dkim, TamperedBodyFailsOnBodyHash) {
  auto mail = dkim_sign(report_mail(), signer(), kTime);
  const auto at = mail.find("This is an aggregate");
  mail.replace(at, 4, "THIS");
  const auto r = dkim_verify(mail, good_lookup(), kTime);
  EXPECT_EQ(r.status, DkimStatus::fail);
  EXPECT_EQ(r.failure, DkimFailure::body_hash) << r.reason;
}

TEST(Dkim, TamperedHeaderFailsOnSignature) {
  auto mail = dkim_sign(report_mail(), signer(), kTime);
  const auto at = mail.find("TLS-Report-Domain: example.net");
  mail.replace(at, 30, "TLS-Report-Domain: example.org");
  const auto r = dkim_verify(mail, good_lookup(), kTime);
  EXPECT_EQ(r.status, DkimStatus::fail);
  EXPECT_EQ(r.failure, DkimFailure::signature) << r.reason;
}

TEST(Dkim, MissingOrWrongKeyFails) {
  const auto mail = dkim_sign(report_mail(), signer(), kTime);
  const auto missing = dkim_verify(mail, map_lookup({}), kTime);
  EXPECT_EQ(missing.status, DkimStatus::fail);
  EXPECT_EQ(missing.failure, DkimFailure::key_missing) << missing.reason;
  EXPECT_NE(missing.reason.find("tls2026._domainkey.sender.example"), std::string::npos);

  const auto other = make_dkim_key(2048);
  const auto wrong = dkim_verify(
      mail, map_lookup({{"tls2026._domainkey.sender.example", dkim_txt_record(other.public_key_b64)}}), kTime);
  EXPECT_EQ(wrong.status, DkimStatus::fail);
  EXPECT_EQ(wrong.failure, DkimFailure::signature) << wrong.reason;

  const auto junk = dkim_verify(mail, map_lookup({{"tls2026._domainkey.sender.example", "v=DKIM1; p=!!!"}}), kTime);
  EXPECT_EQ(junk.status, DkimStatus::fail);
  EXPECT_NE(junk.failure, DkimFailure::none);
}

TEST(Dkim, UnsignedMailIsNone) {
  const auto r = dkim_verify(report_mail(), good_lookup(), kTime);
  EXPECT_EQ(r.status, DkimStatus::none);
  EXPECT_FALSE(r.reason.empty());
}

TEST(Dkim, JunkNeverCrashes) {
  for (const std::string& junk : {std::string(), std::string("DKIM-Signature: v=1; a=rsa-sha256\r\n\r\nbody"),
                                 std::string("\0\0\0", 3), std::string(5000, 'x')}) {
    const auto r = dkim_verify(junk, good_lookup(), kTime);
    EXPECT_NE(r.status, DkimStatus::pass);
  }
  EXPECT_THROW(dkim_sign(report_mail(), {"sender.example", "s", "not a key"}, kTime), std::runtime_error);
  EXPECT_FALSE(dkim_key_usable("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  EXPECT_TRUE(dkim_key_usable(key().private_key_pem));
}

std::string python_with_dkimpy() {
  const char* python = "/usr/bin/python3";
  if (!std::filesystem::exists(python)) return {};
  const auto probe = test::run_process({python, "-c", "import dkim"});
  return probe.exit_code == 0 ? python : std::string();
}

// argv: mode ("verify" TXT | "sign" PEM-path), message on stdin.
constexpr const char* kDkimpy = R"(
import sys, dkim
mode, arg = sys.argv[1], sys.argv[2]
msg = sys.stdin.buffer.read()
if mode == "verify":
    # tlsrpt="strict": an RFC 8460 report, whose key must carry s=tlsrpt and whose signature no l=.
    ok = dkim.verify(msg, dnsfunc=lambda name, timeout=5: arg.encode(), tlsrpt="strict")
    sys.exit(0 if ok else 1)
key = open(arg, "rb").read()
sig = dkim.sign(msg, b"tls2026", b"sender.example", key, canonicalize=(b"relaxed", b"relaxed"),
                include_headers=[b"from", b"to", b"subject", b"tls-report-domain", b"tls-report-submitter"])
sys.stdout.buffer.write(sig + msg)
)";

std::filesystem::path write_key_file() {
  const auto dir = test::make_temp_dir("dkim");
  const auto path = dir / "key.pem";
  std::ofstream(path) << key().private_key_pem;
  ::chmod(path.c_str(), 0600);
  return path;
}

TEST(DkimPeers, DkimpyVerifiesOurSignature) {
  const auto python = python_with_dkimpy();
  if (python.empty()) GTEST_SKIP() << "python3-dkim (dkimpy) is not installed";
  const auto mail = dkim_sign(report_mail(), signer(), kTime);
  const auto ok = test::run_process({python, "-c", kDkimpy, "verify", dkim_txt_record(key().public_key_b64)}, mail);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  auto tampered = mail;
  tampered.replace(tampered.find("This is an aggregate"), 4, "THIS");
  const auto bad = test::run_process({python, "-c", kDkimpy, "verify", dkim_txt_record(key().public_key_b64)}, tampered);
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
}

TEST(DkimPeers, WeVerifyDkimpySignature) {
  const auto python = python_with_dkimpy();
  if (python.empty()) GTEST_SKIP() << "python3-dkim (dkimpy) is not installed";
  const auto key_file = write_key_file();
  const auto signed_mail = test::run_process({python, "-c", kDkimpy, "sign", key_file.string()}, report_mail());
  std::filesystem::remove_all(key_file.parent_path());
  ASSERT_EQ(signed_mail.exit_code, 0) << signed_mail.err;
  const auto r = dkim_verify(signed_mail.out, good_lookup(), 0);
  EXPECT_TRUE(r.ok()) << r.reason;
  EXPECT_TRUE(r.covers_tls_report_headers);
}

TEST(DkimPeers, WeVerifyOpendkimTestmsgSignature) {
  const std::string tool = "/usr/sbin/opendkim-testmsg";
  if (!std::filesystem::exists(tool)) GTEST_SKIP() << "opendkim-testmsg (opendkim-tools) is not installed";
  const auto key_file = write_key_file();
  const auto out = test::run_process({tool, "-C", "-d", "sender.example", "-s", "tls2026", "-k", key_file.string()},
                                     report_mail());
  std::filesystem::remove_all(key_file.parent_path());
  ASSERT_EQ(out.exit_code, 0) << out.err;
  const auto r = dkim_verify(out.out, good_lookup(), 0);
  EXPECT_TRUE(r.ok()) << r.reason;
}

}  // namespace
}  // namespace tlsrpt
