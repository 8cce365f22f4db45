// `tlsrpt-lab check` through the real binary: exit codes, wording, JSON output, stdin, directories,
// and hostile inputs (huge, deep, junk, empty, bombs) that must end in a finding or a clean error.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/util/rng.hpp"
#include "tests/core_report/report_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class CheckCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("check-cli"); }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(CheckCli, BundledExamplesAreValidAndExplained) {
  const auto r = run_lab({"check", (source_dir() / "examples/reports").string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("mta-sts-certificate-expired.json: VALID (strict, json; 0 errors, 0 warnings)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Reported by Example Mail Sender (tlsrpt@sender.example) for 2026-03-01 (one UTC day)."),
            std::string::npos);
  EXPECT_NE(r.out.find("Policy 1, example.net: sts policy (mode: enforce; MX patterns mx1.example.net "
                       "mx2.example.net); 1874 sessions worked, 126 sessions failed."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("120 sessions failed with certificate-expired at MX mx2.example.net (198.51.100.12) from "
                       "sender 192.0.2.25."),
            std::string::npos);
  EXPECT_NE(r.out.find("validity period had ended"), std::string::npos);  // the registry's explanation
  EXPECT_NE(r.out.find("3 inputs: 3 valid, 0 invalid, 0 unreadable."), std::string::npos);
}

TEST_F(CheckCli, InvalidReportExitsOneAndNamesRulePointerAndSeverity) {
  auto j = valid_report_json();
  j["policies"][0]["failure-details"][0]["receiving-ip"] = "x.x.x.x";
  write(dir_ / "bad.json", j.dump());
  auto r = run_lab({"check", (dir_ / "bad.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("bad.json: INVALID (strict"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  error 8460-4.4-receiving-ip at /policies/0/failure-details/0/receiving-ip: receiving-ip "
                       "\"x.x.x.x\" is not an IP address."),
            std::string::npos)
      << r.out;
  r = run_lab({"check", "--profile", "lenient", (dir_ / "bad.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("  warning 8460-4.4-receiving-ip"), std::string::npos) << r.out;
  r = run_lab({"check", "--quiet", (dir_ / "bad.json").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find("8460-4.4-receiving-ip"), std::string::npos) << "--quiet prints only verdicts";
}

TEST_F(CheckCli, JsonOutputIsSortedStableAndComplete) {
  write(dir_ / "a.json", valid_report_json().dump());
  write(dir_ / "b.json", "{}");
  const std::vector<std::string> args{"check", "--format", "json", dir_.string()};
  const auto r = run_lab(args);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["profile"], "strict");
  ASSERT_EQ(doc["inputs"].size(), 2u);
  EXPECT_EQ(doc["inputs"][0]["verdict"], "valid");
  EXPECT_EQ(doc["inputs"][0]["summary"]["policies"][0]["failures"][0]["result_type"], "certificate-expired");
  EXPECT_EQ(doc["inputs"][1]["verdict"], "invalid");
  EXPECT_EQ(doc["inputs"][1]["findings"][0]["rule"], "8460-4.4-required-member");
  EXPECT_EQ(doc["totals"]["invalid"], 1);
  EXPECT_EQ(r.out, nlohmann::json::parse(r.out).dump(2) + "\n") << "keys are sorted, two-space indent";
  EXPECT_EQ(run_lab(args).out, r.out);
}

TEST_F(CheckCli, ReadsStandardInput) {
  const auto r = run_lab({"check", "-"}, valid_report_json().dump());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("-: VALID"), std::string::npos);
}

TEST_F(CheckCli, DirectoriesAreSearchedRecursivelyInSortedOrderForReportFilesOnly) {
  const std::string good = valid_report_json().dump();
  write(dir_ / "z.json", good);
  write(dir_ / "sub/a.json.gz", gzip_compress(good));
  write(dir_ / "sub/deeper/m.gz", gzip_compress(good));
  write(dir_ / "notes.txt", "not a report");
  const auto r = run_lab({"check", "--quiet", dir_.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto a = r.out.find("sub/a.json.gz: VALID (strict, json.gz");
  const auto m = r.out.find("sub/deeper/m.gz: VALID");
  const auto z = r.out.find("z.json: VALID");
  ASSERT_NE(a, std::string::npos) << r.out;
  ASSERT_NE(m, std::string::npos) << r.out;
  ASSERT_NE(z, std::string::npos) << r.out;
  EXPECT_LT(a, m);
  EXPECT_LT(m, z);
  EXPECT_EQ(r.out.find("notes.txt"), std::string::npos);
}

TEST_F(CheckCli, SniffsContentNotExtension) {
  write(dir_ / "really-gzip.json", gzip_compress(valid_report_json().dump()));
  const auto r = run_lab({"check", (dir_ / "really-gzip.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("json.gz"), std::string::npos);
}

TEST_F(CheckCli, UnreadableInputAndBadUsageExitTwo) {
  auto r = run_lab({"check", (dir_ / "missing.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("missing.json: UNREADABLE (it cannot be opened)"), std::string::npos) << r.out;
  r = run_lab({"check", "--profile", "sloppy", "x.json"});
  EXPECT_EQ(r.exit_code, 2);
  r = run_lab({"check"});
  EXPECT_EQ(r.exit_code, 2);
  write(dir_ / "two-mib.json", std::string(2u << 20, ' '));
  r = run_lab({"check", "--max-size", "1", (dir_ / "two-mib.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("larger than the 1 MiB limit"), std::string::npos) << r.out;
}

TEST_F(CheckCli, ListRulesPrintsTheWholeTable) {
  const auto r = run_lab({"check", "--list-rules", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0);
  const auto rules = nlohmann::json::parse(r.out);
  EXPECT_GT(rules.size(), 40u);
  bool found = false;
  for (const auto& rule : rules)
    found |= rule["id"] == "8460-4.4-receiving-ip" && rule["strict"] == "error" && rule["lenient"] == "warning";
  EXPECT_TRUE(found);
  const auto text = run_lab({"check", "--list-rules"});
  EXPECT_NE(text.out.find("7493-2.3-duplicate-member  [RFC 7493 §2.3]  strict: error, lenient: error"),
            std::string::npos);
}

TEST_F(CheckCli, HundredMegabyteJsonGivesAVerdict) {
  auto j = valid_report_json();
  j["x-padding"] = std::string(100u << 20, 'a');
  write(dir_ / "huge.json", j.dump());
  j = nlohmann::json();
  const auto r = run_lab({"check", "--quiet", (dir_ / "huge.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // only the unknown member warning
  EXPECT_NE(r.out.find("VALID (strict, json; 0 errors, 1 warnings)"), std::string::npos) << r.out;
}

TEST_F(CheckCli, DeepNestingIsAFindingNotACrash) {
  write(dir_ / "deep.json", std::string(10000, '[') + std::string(10000, ']'));
  auto r = run_lab({"check", (dir_ / "deep.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("8460-4-nesting-depth"), std::string::npos) << r.out;
  write(dir_ / "deep-open.json", std::string(100000, '{'));
  r = run_lab({"check", (dir_ / "deep-open.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST_F(CheckCli, BinaryJunkAndEmptyFilesAreInvalidNotCrashes) {
  Rng rng(7);
  std::string junk(1 << 20, '\0');
  for (auto& c : junk) c = static_cast<char>(rng.below(256));
  write(dir_ / "junk.json", junk);
  write(dir_ / "empty.json", "");
  write(dir_ / "junk-gzip.gz", std::string("\x1f\x8b\x08\x00", 4) + junk.substr(0, 5000));
  const auto r = run_lab({"check", dir_.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.out.find("empty.json: INVALID"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("8259-2-json-syntax at (document): The input is empty"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("junk.json: INVALID"), std::string::npos);
  EXPECT_NE(r.out.find("junk-gzip.gz: INVALID"), std::string::npos);
  EXPECT_NE(r.out.find("1952-2-gzip-stream at gzip:"), std::string::npos) << r.out;
}

TEST_F(CheckCli, GzipBombIsCappedToAFinding) {
  write(dir_ / "bomb.json.gz", gzip_compress(std::string(64u << 20, ' '), 9));
  const auto r = run_lab({"check", "--max-size", "8", (dir_ / "bomb.json.gz").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("8460-5.2-inflate-limit at gzip:"), std::string::npos) << r.out;
}

TEST_F(CheckCli, TruncatedGzipIsAFinding) {
  const std::string gz = gzip_compress(valid_report_json().dump());
  write(dir_ / "cut.json.gz", gz.substr(0, gz.size() / 2));
  const auto r = run_lab({"check", (dir_ / "cut.json.gz").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("1952-2-gzip-stream"), std::string::npos) << r.out;
}

std::string report_mail(const std::string& submitter) {
  ReportEmailSpec spec;
  spec.from = "TLS Reports <tlsrpt@sender.example>";
  spec.to = "tlsrpt@example.net";
  spec.policy_domain = "example.net";
  spec.submitter = submitter;
  spec.report_id = "2026-03-01_example.net@sender.example";
  spec.message_id = "2026-03-01_example.net@sender.example";
  spec.date_rfc5322 = "Mon, 02 Mar 2026 02:00:00 +0000";
  spec.human_text = "This is an aggregate TLS report from Example Mail Sender.";
  spec.attachment_name = "sender.example!example.net!1772323200!1772409599!001.json.gz";
  spec.attachment = gzip_compress(valid_report_json().dump());
  return build_report_email(spec);
}

TEST_F(CheckCli, ReportMailIsUnpackedAndCrossCheckedAgainstTheBody) {
  // Unsigned: strict wants DKIM (error), lenient only warns.
  write(dir_ / "unsigned.eml", report_mail("sender.example"));
  auto r = run_lab({"check", (dir_ / "unsigned.eml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("unsigned.eml: INVALID (strict, email+gzip"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error 8460-3-dkim-signature at email:header/DKIM-Signature"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Reported by Example Mail Sender"), std::string::npos);
  r = run_lab({"check", "--profile", "lenient", (dir_ / "unsigned.eml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;

  // A signature header is noted, not verified; a submitter that is not contact-info's domain is flagged.
  const std::string signed_header =
      "DKIM-Signature: v=1; a=rsa-sha256; d=sender.example; s=tlsrpt; h=from:subject; bh=AAAA; b=AAAA\r\n";
  write(dir_ / "signed.eml", signed_header + report_mail("sender.example"));
  write(dir_ / "mismatch.eml", signed_header + report_mail("mail.sender.example"));
  r = run_lab({"check", (dir_ / "signed.eml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("note: DKIM-Signature present, not verified (check has no DNS)."), std::string::npos)
      << r.out;
  r = run_lab({"check", (dir_ / "mismatch.eml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("error 8460-5.3-submitter-contact-info at email:header/TLS-Report-Submitter"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace tlsrpt::test
