// The report sink's mail intake behind the real SMTP server (fakemx/smtp), driven by swaks:
// self-made DKIM-signed report mail (pass, and fail after tampering), the corpus .eml files,
// duplicates, a message without a report, and the size limit.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "core/formats/dkim.hpp"
#include "core/formats/report_email.hpp"
#include "fakemx/sink/sink.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "tests/fakemx_web/test_reports.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using fakemx::sink::Verdict;

class SinkSmtp : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("swaks")) GTEST_SKIP() << "swaks is not installed";
    dir_ = make_temp_dir("sink-smtp");
    key_ = make_dkim_key(2048);
    fakemx::sink::SinkConfig config;
    config.dir = dir_ / "store";
    config.https = false;
    config.max_message = 200 * 1024;
    config.dkim_key_lookup = [this](std::string_view selector, std::string_view domain) -> std::optional<std::string> {
      if (selector == "tlsrpt" && domain == "sender.test") return dkim_txt_record(key_.public_key_b64);
      return std::nullopt;
    };
    sink_ = std::make_unique<fakemx::sink::Sink>(config);
    mx_ = std::make_unique<fakemx::smtp::MxServer>(1);
    fakemx::smtp::MxHostConfig host;
    host.hostname = "reports.test";
    host.address = random_loopback();
    host.limits.max_message = 1 << 20;
    auto h = mx_->add_host(host);
    h.set_message_hook(sink_->message_hook());
    address_ = h.address();
    port_ = h.port();
  }
  void TearDown() override {
    mx_.reset();
    sink_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::string signed_report_mail(const std::string& report_id) {
    ReportEmailSpec spec;
    spec.from = "TLS Reports <tlsrpt@sender.test>";
    spec.to = "tlsrpt@reports.test";
    spec.policy_domain = "example.test";
    spec.submitter = "sender.test";
    spec.report_id = report_id;
    spec.message_id = report_id + ".msg@sender.test";
    spec.date_rfc5322 = "Sun, 01 Mar 2026 02:00:00 +0000";
    spec.human_text = "This is a TLS report.";
    spec.attachment_name = "sender.test!example.test!1772323200!1772409599!001.json.gz";
    spec.attachment = make_report_gzip(report_id);
    return dkim_sign(build_report_email(spec), {"sender.test", "tlsrpt", key_.private_key_pem}, 1772330000);
  }

  ProcessResult swaks(const std::string& message) {
    const fs::path file = dir_ / ("mail-" + std::to_string(sent_++) + ".eml");
    write_file(file, message);
    return run_process({"swaks", "--server", address_, "--port", std::to_string(port_), "--from",
                        "tlsrpt@sender.test", "--to", "tlsrpt@reports.test", "--helo", "sender.test",
                        "--data", "@" + file.string(), "--timeout", "60"},
                       {}, std::chrono::seconds(90));
  }

  fs::path dir_;
  DkimKeyPair key_;
  std::unique_ptr<fakemx::sink::Sink> sink_;
  std::unique_ptr<fakemx::smtp::MxServer> mx_;
  std::string address_;
  std::uint16_t port_ = 0;
  int sent_ = 0;
};

TEST_F(SinkSmtp, SignedReportMailIsStoredWithDkimPass) {
  const std::string mail = signed_report_mail("mail-1@sender.test");
  const auto r = swaks(mail);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("250 2.0.0 Report stored as #1"), std::string::npos) << r.out;
  const auto entries = sink_->entries();
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.transport, fakemx::sink::Transport::smtp);
  EXPECT_EQ(e.verdict, Verdict::valid);
  EXPECT_EQ(e.report_id, "mail-1@sender.test");
  EXPECT_EQ(e.submitter, "sender.test");
  EXPECT_EQ(e.remote_ip.rfind("127.", 0), 0u) << e.remote_ip;
  ASSERT_TRUE(e.dkim.has_value());
  EXPECT_EQ(e.dkim->rfind("pass", 0), 0u) << *e.dkim;
  EXPECT_EQ(e.result_counts.at("certificate-expired"), 5);
  EXPECT_EQ(e.raw_path.substr(e.raw_path.size() - 4), ".eml");
  EXPECT_NE(read_file(dir_ / "store" / e.raw_path).find("DKIM-Signature:"), std::string::npos);

  // The same report again is a counted duplicate.
  const auto again = swaks(mail);
  EXPECT_NE(again.out.find("Duplicate of report #1"), std::string::npos) << again.out;
  EXPECT_EQ(sink_->counts().duplicates, 1u);
  EXPECT_EQ(sink_->counts().stored, 1u);
}

TEST_F(SinkSmtp, TamperedMailIsStoredWithDkimFail) {
  std::string mail = signed_report_mail("mail-2@sender.test");
  const auto at = mail.find("This is a TLS report.");
  ASSERT_NE(at, std::string::npos);
  mail.replace(at, 4, "THIS");
  const auto r = swaks(mail);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_EQ(sink_->entries().size(), 1u);
  const auto e = sink_->entries()[0];
  EXPECT_EQ(e.verdict, Verdict::valid);
  EXPECT_EQ(e.dkim->rfind("fail", 0), 0u) << *e.dkim;
}

TEST_F(SinkSmtp, MailWithoutAReportIsQuarantinedAndRefused) {
  const auto r = swaks("From: a@sender.test\r\nTo: tlsrpt@reports.test\r\nSubject: hello\r\n\r\nJust text.\r\n");
  EXPECT_NE(r.out.find("554 5.6.0"), std::string::npos) << r.out;
  ASSERT_EQ(sink_->entries().size(), 1u);
  const auto e = sink_->entries()[0];
  EXPECT_EQ(e.verdict, Verdict::not_a_report);
  EXPECT_EQ(e.raw_path.rfind("quarantine/", 0), 0u);
  EXPECT_FALSE(e.findings.empty());
}

TEST_F(SinkSmtp, MessageAboveTheSinkLimitIs552) {
  std::string big = signed_report_mail("mail-3@sender.test");
  big.insert(big.find("\r\n\r\n"), "\r\nX-Padding: " + std::string(300 * 1024, 'a'));
  const auto r = swaks(big);
  EXPECT_NE(r.out.find("552 5.3.4"), std::string::npos) << r.out.substr(r.out.size() > 2000 ? r.out.size() - 2000 : 0);
  EXPECT_TRUE(sink_->entries().empty());
}

TEST_F(SinkSmtp, CorpusReportMailIsAllKept) {
  TLSRPT_REQUIRE_SHARED(shared);
  std::size_t sent = 0;
  for (const auto& file : fs::recursive_directory_iterator(shared / "corpus")) {
    if (file.path().extension() != ".eml") continue;
    const auto r = swaks(read_file(file.path()));
    EXPECT_EQ(r.exit_code == 0 || r.out.find("554 5.6.0") != std::string::npos, true) << file.path() << r.out;
    ++sent;
  }
  ASSERT_GT(sent, 3u);
  const auto counts = sink_->counts();
  EXPECT_EQ(counts.stored + counts.quarantined + counts.duplicates, sent);
  for (const auto& e : sink_->entries()) {
    EXPECT_TRUE(fs::exists(dir_ / "store" / e.raw_path));
    ASSERT_TRUE(e.dkim.has_value());
    EXPECT_NE(e.dkim->rfind("pass", 0), 0u) << "no corpus key is published here";
  }
}

}  // namespace
}  // namespace tlsrpt::test
