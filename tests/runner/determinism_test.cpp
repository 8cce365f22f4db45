// Same scenario, same seed: the same bytes. Library scenarios run through the real binary into
// separate folders must give byte-identical reports (.json.gz and .eml, DKIM signature included)
// and the same result.json apart from its wall-clock field; another --seed must change the
// report-ids; runs at the same time (one invocation, or two processes) must not disturb each other.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <future>
#include <map>
#include <regex>

#include "core/formats/gzip.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace {

namespace fs = std::filesystem;
using tlsrpt::test::run_lab;

const std::string kMtaSts = "8461-3.3-policy-host-outage-cached-vs-fresh";  // fetch failures and a cached policy
const std::string kDane = "7672-2.2-tlsa-rollover-wrong";
constexpr auto kDeadline = std::chrono::seconds(280);

std::string scenario_file(const std::string& id) {
  return (tlsrpt::test::source_dir() / "scenarios" / (id + ".yaml")).string();
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// reports/ of one scenario's output: file name -> bytes.
std::map<std::string, std::string> reports_of(const fs::path& scenario_dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(scenario_dir / "reports")) return files;
  for (const auto& e : fs::directory_iterator(scenario_dir / "reports")) files[e.path().filename().string()] = slurp(e.path());
  return files;
}

// result.json without the one field that measures the machine, not the run.
nlohmann::json comparable_result(const fs::path& scenario_dir) {
  auto j = nlohmann::json::parse(slurp(scenario_dir / "result.json"), nullptr, false);
  if (j.is_object()) j.erase("wall_seconds");
  return j;
}

std::vector<std::string> report_ids(const std::map<std::string, std::string>& reports) {
  std::vector<std::string> ids;
  for (const auto& [name, bytes] : reports) {
    if (!name.ends_with(".json.gz")) continue;
    const auto json = tlsrpt::gunzip_capped(bytes);
    if (!json.ok()) continue;
    ids.push_back(nlohmann::json::parse(json.data, nullptr, false).value("report-id", std::string()));
  }
  return ids;
}

void expect_same_outputs(const fs::path& a, const fs::path& b, const std::string& id) {
  const auto first = reports_of(a / id), second = reports_of(b / id);
  ASSERT_FALSE(first.empty()) << id << ": no reports in " << a;
  EXPECT_EQ(first.size(), second.size()) << id;
  for (const auto& [name, bytes] : first) {
    const auto other = second.find(name);
    ASSERT_NE(other, second.end()) << id << ": " << name << " only in the first run";
    EXPECT_TRUE(bytes == other->second) << id << ": " << name << " differs between runs";
  }
  EXPECT_EQ(comparable_result(a / id), comparable_result(b / id)) << id;
}

TEST(SameSeedSameBytes, ReportsAndResultRepeatExactly) {
  const auto dir = tlsrpt::test::make_temp_dir("determinism");
  for (const char* run : {"a", "b"}) {
    const auto r = run_lab({"run", scenario_file(kMtaSts), scenario_file(kDane), "--out", (dir / run).string(), "--quiet"},
                           {}, kDeadline);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  expect_same_outputs(dir / "a", dir / "b", kMtaSts);
  expect_same_outputs(dir / "a", dir / "b", kDane);

  // The report mail is DKIM-signed (with the seed's key and the virtual time as t=).
  bool signed_mail = false;
  for (const auto& [name, bytes] : reports_of(dir / "a" / kMtaSts))
    if (name.ends_with(".eml")) signed_mail = bytes.rfind("DKIM-Signature:", 0) == 0;
  EXPECT_TRUE(signed_mail) << "the .eml carries no DKIM-Signature header";
}

TEST(SameSeedSameBytes, AnotherSeedChangesTheReportIds) {
  const auto dir = tlsrpt::test::make_temp_dir("determinism-seed");
  const auto mine = run_lab({"run", scenario_file(kMtaSts), "--out", (dir / "own").string(), "--quiet"}, {}, kDeadline);
  ASSERT_EQ(mine.exit_code, 0) << mine.out << mine.err;
  const auto other =
      run_lab({"run", scenario_file(kMtaSts), "--out", (dir / "other").string(), "--quiet", "--seed", "4242"}, {}, kDeadline);
  ASSERT_NE(other.exit_code, 2) << other.out << other.err;
  const auto own_ids = report_ids(reports_of(dir / "own" / kMtaSts));
  const auto other_ids = report_ids(reports_of(dir / "other" / kMtaSts));
  ASSERT_EQ(own_ids.size(), 2u);
  ASSERT_EQ(other_ids.size(), own_ids.size());
  for (const auto& id : other_ids) {
    EXPECT_FALSE(id.empty());
    EXPECT_EQ(std::count(own_ids.begin(), own_ids.end(), id), 0) << id << " repeats under another seed";
  }
  EXPECT_EQ(comparable_result(dir / "other" / kMtaSts).value("seed", 0), 4242);
}

// Two scenarios in one invocation (--jobs 2) and the same scenario in two processes at once share
// nothing that could make one disturb the other: each still gives the reports of a lone run.
TEST(SameSeedSameBytes, RunsAtTheSameTimeDoNotCollide) {
  const auto dir = tlsrpt::test::make_temp_dir("determinism-parallel");
  const auto alone = run_lab({"run", scenario_file(kMtaSts), scenario_file(kDane), "--out", (dir / "alone").string(),
                              "--quiet"},
                             {}, kDeadline);
  ASSERT_EQ(alone.exit_code, 0) << alone.out << alone.err;

  auto launch = [&](const std::string& out) {
    return std::async(std::launch::async, [&, out] {
      return run_lab({"run", scenario_file(kMtaSts), scenario_file(kDane), "--out", (dir / out).string(), "--quiet",
                      "--jobs", "2"},
                     {}, kDeadline);
    });
  };
  auto one = launch("p1");
  auto two = launch("p2");
  const auto r1 = one.get(), r2 = two.get();
  ASSERT_EQ(r1.exit_code, 0) << r1.out << r1.err;
  ASSERT_EQ(r2.exit_code, 0) << r2.out << r2.err;
  for (const char* out : {"p1", "p2"}) {
    expect_same_outputs(dir / "alone", dir / out, kMtaSts);
    expect_same_outputs(dir / "alone", dir / out, kDane);
  }
}

}  // namespace
