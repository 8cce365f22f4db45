// The reports the sim delivers, read by an independent parser: scenarios run through the real
// tlsrpt-lab binary, and every report that arrived (the .json.gz and its mail) goes through
// independent_report_check.hpp under python3. The parser is shown to reject what it must first.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/formats/gzip.hpp"
#include "tests/peers/independent_report_check.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {
namespace {

namespace fs = std::filesystem;

// A fetch failure with a no-policy-found fallback, DANE and STS policies side by side, an MX
// outside the STS policy: sts, tlsa and no-policy-found policies, with and without failure-details.
const char* const kScenarios[] = {"8460-4.3.2.2-sts-webpki-invalid", "8460-4.3.2-dane-and-mta-sts",
                                  "8461-4.1-mx-migration-not-in-policy"};

const std::string kGoodReport =
    R"({"organization-name":"Peer Check","date-range":{"start-datetime":"2026-03-01T00:00:00Z",)"
    R"("end-datetime":"2026-03-01T23:59:59Z"},"contact-info":"tlsrpt@sender.test","report-id":"1@sender.test",)"
    R"("policies":[{"policy":{"policy-type":"no-policy-found","policy-domain":"example.test"},)"
    R"("summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]})";
const std::string kFileName = "sender.test!example.test!1772323200!1772409599!1.json.gz";

class IndependentParser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("python3")) GTEST_SKIP() << "python3 is not installed";
    dir_ = make_temp_dir("peers-report-parser");
    script_ = dir_ / "independent_report_check.py";
    std::ofstream(script_) << kIndependentReportCheck;
  }
  void TearDown() override {
    std::error_code ec;
    if (!HasFailure()) fs::remove_all(dir_, ec);
  }

  ProcessResult check(const fs::path& folder) const {
    return run_process({"python3", script_.string(), folder.string()}, {}, std::chrono::seconds(120));
  }

  // One report file (no mail) in its own folder.
  fs::path folder_with(const std::string& json) const {
    const fs::path folder = dir_ / ("case" + std::to_string(++cases_));
    fs::create_directories(folder);
    std::ofstream(folder / kFileName, std::ios::binary) << gzip_compress(json);
    return folder;
  }

  fs::path dir_;
  fs::path script_;
  mutable int cases_ = 0;
};

TEST_F(IndependentParser, AcceptsAMinimalReportAndRejectsBrokenOnes) {
  const ProcessResult good = check(folder_with(kGoodReport));
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;

  struct Broken {
    std::string json;
    const char* why;
  };
  std::string duplicate = kGoodReport;
  duplicate.insert(1, R"("report-id":"0@sender.test",)");
  std::string no_policies = kGoodReport.substr(0, kGoodReport.find(R"(,"policies")")) + "}";
  std::string negative = kGoodReport;
  negative.replace(negative.find(R"(count":1)"), 8, R"(count":-1)");
  std::string unknown_type = kGoodReport;
  unknown_type.replace(unknown_type.find("no-policy-found"), 15, "sometimes");
  for (const Broken& b : {Broken{duplicate, "duplicate member name 'report-id'"},
                          Broken{no_policies, "missing policies"},
                          Broken{negative, "not a non-negative integer"},
                          Broken{unknown_type, "policy-type unknown"},
                          Broken{kGoodReport.substr(0, 40), "ERROR"}}) {
    const ProcessResult run = check(folder_with(b.json));
    EXPECT_EQ(run.exit_code, 1) << b.why << "\n" << run.out << run.err;
    EXPECT_NE(run.out.find(b.why), std::string::npos) << run.out << run.err;
  }
}

TEST_F(IndependentParser, AcceptsEveryReportTheSimDelivered) {
  std::vector<std::string> args{"run"};
  for (const char* id : kScenarios) args.push_back((source_dir() / "scenarios" / (std::string(id) + ".yaml")).string());
  for (const char* extra : {"--out", "", "--quiet"}) args.emplace_back(extra);
  args[args.size() - 2] = (dir_ / "run").string();
  const ProcessResult run = run_lab(args, {}, std::chrono::seconds(280));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

  for (const char* id : kScenarios) {
    const fs::path reports = dir_ / "run" / id / "reports";
    std::size_t files = 0;
    if (fs::exists(reports))
      for (const auto& e : fs::directory_iterator(reports)) files += e.path().string().ends_with(".json.gz");
    ASSERT_GT(files, 0u) << id << ": no report arrived";

    const ProcessResult parsed = check(reports);
    EXPECT_EQ(parsed.exit_code, 0) << id << "\n" << parsed.out << parsed.err;
    std::size_t ok = 0;
    std::istringstream lines(parsed.out);
    for (std::string line; std::getline(lines, line);) ok += line.starts_with("OK ");
    EXPECT_EQ(ok, files) << id << "\n" << parsed.out;
  }
}

}  // namespace
}  // namespace tlsrpt::test::peers
