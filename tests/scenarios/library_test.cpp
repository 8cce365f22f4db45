// Every scenario of the library, linted and run through the real binary; its result.json must
// show every expectation held. A build that cannot run a scenario says so (unsupported) and the
// test is skipped with that reason, never passed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

#include "core/formats/gzip.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> library() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(tlsrpt::test::source_dir() / "scenarios"))
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// scenarios/known-failures.txt: "<id>: <reason>" per line.
std::map<std::string, std::string> known_failures() {
  std::map<std::string, std::string> known;
  std::ifstream in(tlsrpt::test::source_dir() / "scenarios" / "known-failures.txt");
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(": ");
    if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
    known[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return known;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

class LibraryScenario : public testing::TestWithParam<std::string> {};

TEST_P(LibraryScenario, LintsClean) {
  const auto result = tlsrpt::scenario::load_scenario(tlsrpt::test::source_dir() / "scenarios" / GetParam());
  for (const auto& d : result.diagnostics) ADD_FAILURE() << tlsrpt::scenario::format(d);
  ASSERT_TRUE(result.ok());
  // The id is stable and the file is named after it.
  EXPECT_EQ(result.scenario->id + ".yaml", GetParam());
  EXPECT_FALSE(result.scenario->description.empty());
}

// A run's output folder, removed when the test passed and left for inspection when it failed.
struct RunFolder {
  fs::path path;
  explicit RunFolder(const char* tag) : path(tlsrpt::test::make_temp_dir(tag)) {}
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;
  ~RunFolder() {
    std::error_code ignored;
    if (!::testing::Test::HasFailure()) fs::remove_all(path, ignored);
  }
};

TEST_P(LibraryScenario, RunsAndEveryExpectationHolds) {
  const auto file = tlsrpt::test::source_dir() / "scenarios" / GetParam();
  const RunFolder folder("library-run");
  const fs::path& out = folder.path;
  const auto r = tlsrpt::test::run_lab({"run", file.string(), "--out", out.string(), "--quiet"}, {},
                                       std::chrono::seconds(300));
  ASSERT_FALSE(r.timed_out);
  const std::string id = GetParam().substr(0, GetParam().size() - 5);
  const auto result = read_json(out / id / "result.json");
  ASSERT_TRUE(result.is_object()) << r.out << r.err;
  EXPECT_EQ(result["id"], id);
  EXPECT_TRUE(result["seed"].is_number());
  EXPECT_TRUE(fs::exists(out / id / "junit.xml"));
  EXPECT_TRUE(fs::exists(out / id / "index.html"));
  if (result["status"] == "unsupported") {
    EXPECT_EQ(r.exit_code, 1) << "unsupported must not pass";
    GTEST_SKIP() << "unsupported in this build: " << result["unsupported"].dump();
  }
  const auto known = known_failures();
  if (const auto it = known.find(id); it != known.end()) {
    ASSERT_EQ(r.exit_code, 1) << id << " is listed in scenarios/known-failures.txt but no longer fails; remove its line\n"
                              << r.out << r.err;
    GTEST_SKIP() << "known failure: " << it->second;
  }
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const auto& c : result["expectations"])
    EXPECT_EQ(c["status"], "pass") << c["id"] << ": expected " << c["expected"] << ", measured " << c["actual"]
                                   << " " << c["message"];
}

INSTANTIATE_TEST_SUITE_P(Library, LibraryScenario, testing::ValuesIn(library()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param.substr(0, param_info.param.size() - 5);
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST(LibraryCoverage, EveryResultTypeAppearsInSomeExpectation) {
  std::set<std::string> covered;
  for (const auto& name : library()) {
    const auto result = tlsrpt::scenario::load_scenario(tlsrpt::test::source_dir() / "scenarios" / name);
    if (!result.ok()) continue;
    for (const auto& x : result.scenario->expectations)
      if (!x.result_type.empty()) covered.insert(x.result_type);
  }
  for (const char* type : {"starttls-not-supported", "certificate-host-mismatch", "certificate-expired",
                           "certificate-not-trusted", "validation-failure", "tlsa-invalid", "dnssec-invalid",
                           "dane-required", "sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid"})
    EXPECT_TRUE(covered.count(type)) << type << " is not exercised by any library scenario";
}

TEST(RunCommand, AWrongExpectationExitsOne) {
  const RunFolder folder("run-wrong");
  const fs::path& dir = folder.path;
  std::ifstream in(tlsrpt::test::source_dir() / "scenarios" / "8460-4.4-healthy-baseline.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("failures: 0"), 11, "failures: \">0\"");
  text.replace(text.find("extends: base/"), 14, "extends: " + (tlsrpt::test::source_dir() / "scenarios" / "base").string() + "/");
  std::ofstream(dir / "wrong.yaml") << text;
  const auto r = tlsrpt::test::run_lab({"run", (dir / "wrong.yaml").string(), "--out", (dir / "out").string(), "--quiet"},
                                       {}, std::chrono::seconds(300));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto result = read_json(dir / "out" / "8460-4.4-healthy-baseline" / "result.json");
  ASSERT_TRUE(result.is_object());
  if (result["status"] == "unsupported") GTEST_SKIP() << "unsupported in this build: " << result["unsupported"].dump();
  bool failed = false;
  for (const auto& c : result["expectations"])
    if (c["id"] == "no-failures") failed = c["status"] == "fail";
  EXPECT_TRUE(failed) << result.dump(2);
}

// Sessions run on several threads; the reports must not depend on how they interleave: byte for
// byte the same JSON (addresses come from the scenario id, keys from the seed).
TEST(RunCommand, TheSameSeedGivesTheSameReportsWhateverTheThreads) {
  const RunFolder folder("run-determinism");
  const fs::path& dir = folder.path;
  const std::string id = "8460-4.3.1-starttls-downgrade-attacker";
  const auto scenario = (tlsrpt::test::source_dir() / "scenarios" / (id + ".yaml")).string();
  std::map<std::string, std::string> first;
  for (const char* threads : {"1", "6"}) {
    const auto out = dir / (std::string("out-") + threads);
    const auto r = tlsrpt::test::run_lab({"run", scenario, "--out", out.string(), "--quiet", "--threads", threads}, {},
                                         std::chrono::seconds(300));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    std::map<std::string, std::string> reports;  // file name -> report JSON
    for (const auto& e : fs::directory_iterator(out / id / "reports")) {
      if (e.path().extension() != ".gz") continue;
      std::ifstream in(e.path(), std::ios::binary);
      const auto json = tlsrpt::gunzip_capped(std::string((std::istreambuf_iterator<char>(in)), {}));
      ASSERT_TRUE(json.ok()) << e.path();
      reports[e.path().filename().string()] = json.data;
    }
    ASSERT_EQ(reports.size(), 2u);
    if (first.empty()) first = reports;
    else EXPECT_EQ(reports, first) << "threads " << threads;
  }
}

TEST(RunCommand, AnInvalidFileRunsNothingAndExitsOne) {
  const RunFolder folder("run-invalid");
  const fs::path& dir = folder.path;
  std::ofstream(dir / "bad.yaml") << "id: 8460-1-bad\ntitel: typo\n";
  const auto r = tlsrpt::test::run_lab({"run", (dir / "bad.yaml").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.yaml:2:1: error: key 'titel': unknown key (did you mean 'title'?)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(RunCommand, NoFilesIsAUsageError) {
  const auto r = tlsrpt::test::run_lab({"run"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
