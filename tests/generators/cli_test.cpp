// `generate` and `load` through the real tlsrpt-lab binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "tests/generators/helpers.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::gen {
namespace {

namespace fs = std::filesystem;
using tlsrpt::test::run_lab;

std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = test::read_file(e.path().string());
  return files;
}

TEST(GenerateCli, ListsPersonalitiesAndMutators) {
  const auto p = run_lab({"generate", "--list-personalities"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  for (auto name : {"google", "microsoft-2023", "microsoft", "mailru", "stalwart", "postfix", "strict-rfc"})
    EXPECT_NE(p.out.find(name), std::string::npos) << name;
  EXPECT_NE(p.out.find("breaks: contact-info is JSON null"), std::string::npos);
  const auto m = run_lab({"generate", "--list-mutators"});
  ASSERT_EQ(m.exit_code, 0);
  for (auto name : {"missing-required-field", "integer-past-2^53", "gzip-bomb", "mime-missing-dkim"})
    EXPECT_NE(m.out.find(name), std::string::npos) << name;
}

TEST(GenerateCli, StrictOutputPassesCheckStrict) {
  const auto dir = tlsrpt::test::make_temp_dir("gen-cli-strict");
  const auto g = run_lab({"generate", "--count", "25", "--seed", "3", "--personality", "strict-rfc,google", "--format",
                          "json.gz", "--out", dir.string()});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_EQ(tree(dir).size(), 25u);
  const auto c = run_lab({"check", "--profile", "strict", "-q", dir.string()});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  fs::remove_all(dir);
}

TEST(GenerateCli, LenientPersonalitiesPassCheckLenient) {
  const auto dir = tlsrpt::test::make_temp_dir("gen-cli-lenient");
  const auto g = run_lab({"generate", "--count", "30", "--personality", "microsoft-2023,microsoft,mailru,stalwart,postfix",
                          "--format", "eml", "--out", dir.string()});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  const auto c = run_lab({"check", "--profile", "lenient", "-q", dir.string()});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  fs::remove_all(dir);
}

TEST(GenerateCli, ShardsUnionToTheUnshardedRun) {
  const auto dir = tlsrpt::test::make_temp_dir("gen-cli-shards");
  const std::vector<std::string> common{"generate", "--count", "90", "--seed", "11", "--domain-count", "4",
                                        "--days", "2", "--personality", "google,postfix,mailru", "--format", "json.gz"};
  auto whole = common;
  whole.insert(whole.end(), {"--out", (dir / "whole").string()});
  ASSERT_EQ(run_lab(whole).exit_code, 0);
  for (int i = 0; i < 4; ++i) {
    auto part = common;
    part.insert(part.end(), {"--shard", std::to_string(i) + "/4", "--out", (dir / "union").string()});
    const auto r = run_lab(part);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const auto a = tree(dir / "whole");
  EXPECT_EQ(a.size(), 90u);
  EXPECT_EQ(a, tree(dir / "union"));
  fs::remove_all(dir);
}

TEST(GenerateCli, StreamFramesAndRecordsMutations) {
  const auto r = run_lab({"generate", "--count", "5", "--format", "json", "--malform", "bad-date,duplicate-key"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::string header;
  int frames = 0;
  while (std::getline(in, header)) {
    ASSERT_TRUE(header.starts_with("#tlsrpt-lab index=")) << header;
    EXPECT_NE(header.find("mutations={"), std::string::npos);
    EXPECT_NE(header.find("\"mutator\":\"bad-date\""), std::string::npos);
    const auto bytes = std::stoul(header.substr(header.find("bytes=") + 6));
    in.ignore(static_cast<std::streamsize>(bytes + 1));
    ++frames;
  }
  EXPECT_EQ(frames, 5);
}

TEST(GenerateCli, SidecarsNameTheChain) {
  const auto dir = tlsrpt::test::make_temp_dir("gen-cli-sidecar");
  const auto r = run_lab({"generate", "--count", "3", "--format", "json.gz", "--malform", "negative-count,gzip-bad-crc",
                          "--out", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int sidecars = 0;
  for (const auto& [name, text] : tree(dir)) {
    if (!name.ends_with(".mutations.json")) continue;
    ++sidecars;
    const auto j = nlohmann::json::parse(text);
    ASSERT_EQ(j["chain"].size(), 2u);
    EXPECT_EQ(j["chain"][0]["mutator"], "negative-count");
    EXPECT_EQ(j["chain"][1]["mutator"], "gzip-bad-crc");
  }
  EXPECT_EQ(sidecars, 3);
  fs::remove_all(dir);
}

// deep-nesting then wrong-type once overflowed the stack: wrong-type walked the 100,000-deep tree.
// Documented outcome: exit 0, deep-nesting applied, wrong-type not applied with the reason.
TEST(GenerateCli, DeepNestingThenWrongTypeExitsCleanly) {
  const auto dir = tlsrpt::test::make_temp_dir("gen-cli-deep");
  const auto r = run_lab({"generate", "--count", "3", "--seed", "5", "--format", "json", "--malform",
                          "deep-nesting,wrong-type", "--out", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> reports;
  for (const auto& [name, text] : tree(dir)) {
    if (!name.ends_with(".mutations.json")) {
      EXPECT_NE(text.find(std::string(100000, '[')), std::string::npos) << name;
      reports.push_back((dir / name).string());
      continue;
    }
    const auto j = nlohmann::json::parse(text);
    ASSERT_EQ(j["chain"].size(), 2u) << text;
    EXPECT_EQ(j["chain"][0]["mutator"], "deep-nesting");
    EXPECT_TRUE(j["chain"][0]["applied"].get<bool>());
    EXPECT_EQ(j["chain"][1]["mutator"], "wrong-type");
    EXPECT_FALSE(j["chain"][1]["applied"].get<bool>());
    EXPECT_NE(j["chain"][1]["description"].get<std::string>().find("deeper than 512"), std::string::npos) << text;
  }
  ASSERT_EQ(reports.size(), 3u);
  // The report itself is a clean "invalid" for check, not a crash.
  const auto c = run_lab({"check", reports[0]});
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  EXPECT_NE(c.out.find("nest"), std::string::npos) << c.out;
  fs::remove_all(dir);
}

TEST(GenerateCli, ShallowNestingStillLetsWrongTypeApply) {
  const auto r = run_lab({"generate", "--count", "2", "--seed", "5", "--format", "json", "--malform",
                          "deep-nesting=100,wrong-type"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\"applied\":false"), std::string::npos) << r.out.substr(0, 2000);
}

TEST(GenerateCli, BadUsageIsExitTwo) {
  EXPECT_EQ(run_lab({"generate", "--personality", "nobody"}).exit_code, 2);
  EXPECT_EQ(run_lab({"generate", "--malform", "nothing-like-this"}).exit_code, 2);
  EXPECT_EQ(run_lab({"generate", "--shard", "4/4"}).exit_code, 2);
  EXPECT_EQ(run_lab({"generate", "--format", "json", "--malform", "gzip-truncated"}).exit_code, 2);
}

TEST(LoadCli, DirectoryAndMaildirDropsReconcile) {
  const auto dir = tlsrpt::test::make_temp_dir("load-cli-drop");
  for (std::string scheme : {"dir:", "maildir:"}) {
    const auto ledger = dir / (scheme.substr(0, scheme.size() - 1) + ".ledger");
    const auto r = run_lab({"load", scheme + (dir / scheme.substr(0, 3)).string(), "--count", "40", "--concurrency", "4",
                            "--ledger", ledger.string(), "--no-live", "--personality", "google,stalwart"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["sent"], 40);
    EXPECT_EQ(summary["accepted"], 40);
    std::istringstream lines(test::read_file(ledger.string()));
    std::set<std::uint64_t> seqs;
    for (std::string line; std::getline(lines, line);) {
      const auto j = nlohmann::json::parse(line);
      EXPECT_TRUE(j["accepted"].get<bool>());
      EXPECT_TRUE(fs::exists(j["response"].get<std::string>()));
      seqs.insert(j["seq"].get<std::uint64_t>());
    }
    EXPECT_EQ(seqs.size(), 40u);
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "mai" / "new"), fs::directory_iterator{}), 40);
  fs::remove_all(dir);
}

TEST(LoadCli, RefusesRemoteTargetsWithoutTheFlag) {
  const auto r = run_lab({"load", "https://192.0.2.1/tlsrpt", "--count", "1", "--no-live"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--allow-remote"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tlsrpt::gen
