// `tlsrpt-lab check` on a report with thousands of failure rows: the text output stays a page a
// person reads (findings capped per rule with a count, failures grouped per result type), while
// `--all` and `--format json` still give every finding.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/core_report/report_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;

constexpr int kRows = 5000;

// kRows rows of two result types, none with the required receiving-ip; row i has i+1 sessions.
fs::path write_big_report(const fs::path& dir) {
  auto j = valid_report_json();
  auto& policy = j["policies"][0];
  nlohmann::json rows = nlohmann::json::array();
  std::int64_t failed = 0;
  for (int i = 0; i < kRows; ++i) {
    rows.push_back({{"result-type", i % 2 ? "certificate-expired" : "starttls-not-supported"},
                    {"sending-mta-ip", "192.0.2.1"},
                    {"receiving-mx-hostname", "mx" + std::to_string(i % 3) + ".example.net"},
                    {"failed-session-count", i + 1}});
    failed += i + 1;
  }
  policy["failure-details"] = rows;
  policy["summary"]["total-failure-session-count"] = failed;
  const fs::path path = dir / "big.json";
  std::ofstream(path) << j.dump();
  return path;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(CheckBigReport, TextOutputCapsFindingsPerRuleAndGroupsFailures) {
  const fs::path dir = make_temp_dir("check-big");
  const auto r = run_lab({"check", write_big_report(dir).string()});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("INVALID (strict, json; 5000 errors, 0 warnings)"), std::string::npos) << r.out;
  EXPECT_EQ(count_of(r.out, "receiving-ip is missing."), 10u) << r.out;
  EXPECT_NE(r.out.find("... and 4990 more 8460-4.4-failure-detail-member findings"), std::string::npos) << r.out;
  // 2500 rows each: odd rows (sessions 2, 4, ..., 5000) expired, even rows (1, 3, ..., 4999) starttls.
  EXPECT_NE(r.out.find("6252500 sessions failed with certificate-expired (2500 rows, 3 MX hosts)."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("6250000 sessions failed with starttls-not-supported (2500 rows, 3 MX hosts)."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("The 10 largest of 5000 rows:\n      5000 sessions certificate-expired at MX mx1.example.net"),
            std::string::npos)
      << r.out;
  EXPECT_LT(std::count(r.out.begin(), r.out.end(), '\n'), 60) << r.out;
  fs::remove_all(dir);
}

TEST(CheckBigReport, AllAndJsonStillListEveryFinding) {
  const fs::path dir = make_temp_dir("check-big");
  const fs::path report = write_big_report(dir);
  const auto all = run_lab({"check", "--all", report.string()});
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_EQ(count_of(all.out, "receiving-ip is missing."), static_cast<std::size_t>(kRows));
  EXPECT_EQ(all.out.find("more 8460-4.4-failure-detail-member findings"), std::string::npos);
  const auto json = run_lab({"check", "--format", "json", report.string()});
  EXPECT_EQ(json.exit_code, 1);
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["inputs"][0]["findings"].size(), static_cast<std::size_t>(kRows));
  EXPECT_EQ(doc["inputs"][0]["summary"]["policies"][0]["failures"].size(), static_cast<std::size_t>(kRows));
  // Written row by row, yet the same bytes as the whole document dumped at once.
  EXPECT_EQ(json.out, doc.dump(2) + "\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsrpt::test
