// `tlsrpt-lab fuzz --exec` through the real binary against deliberately broken parsers: each known
// bug class is found, classified, deduplicated into one finding, minimised and saved with a
// repro.sh that reproduces it; a correct parser (tlsrpt-lab check itself) yields nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;

struct FuzzRun {
  ProcessResult process;
  nlohmann::json summary;
  fs::path out;
};

FuzzRun fuzz(const std::string& exec, std::vector<std::string> args) {
  FuzzRun run;
  run.out = make_temp_dir("fuzz-exec");
  // Bounded by the case count, not the default 60 s of wall time, which a loaded machine (or the
  // sanitizers) would cut short; the deadline below is the backstop.
  std::vector<std::string> argv{"fuzz", "--exec", exec, "--out", run.out.string(), "--json", "--seed", "7",
                                "--max-time", "200"};
  argv.insert(argv.end(), args.begin(), args.end());
  run.process = run_lab(argv, {}, std::chrono::minutes(4));
  run.summary = nlohmann::json::parse(run.process.out, nullptr, false);
  return run;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The one finding of the run: of `cls`, minimised, with every file of a reproducer.
nlohmann::json only_finding(const FuzzRun& run, const std::string& cls) {
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_FALSE(run.summary.is_discarded()) << run.process.out;
  if (run.summary.is_discarded()) return {};
  const auto& findings = run.summary["findings"];
  EXPECT_EQ(findings.size(), 1u) << findings.dump(2);
  if (findings.empty()) return {};
  const auto f = findings[0];
  EXPECT_EQ(f["class"], cls) << f.dump(2);
  EXPECT_GE(f["hits"].get<int>(), 1);
  const auto dir = run.out / f["path"].get<std::string>();
  for (const char* name : {"repro.sh", "chain.json", "verdict.json", "output.txt", "finding.json"})
    EXPECT_TRUE(fs::exists(dir / name)) << name;
  EXPECT_LT(f["minimized-size"].get<std::size_t>(), f["original-size"].get<std::size_t>()) << f.dump(2);
  return f;
}

ProcessResult run_repro(const FuzzRun& run, const nlohmann::json& f, std::chrono::milliseconds deadline) {
  return run_process({"sh", (run.out / f["path"].get<std::string>() / "repro.sh").string()}, {}, deadline);
}

TEST(FuzzExec, CrashOnMissingFieldIsFoundDeduplicatedAndMinimised) {
  const auto run = fuzz(BROKEN_CRASH " @@", {"--max-cases", "150", "--mutators", "missing-required-field,wrong-type,null-value"});
  const auto f = only_finding(run, "crash");
  ASSERT_FALSE(f.is_null());
  EXPECT_GT(f["hits"].get<int>(), 1) << "several cases hit the one bug";
  const auto input = slurp(run.out / f["path"].get<std::string>() / "input.json");
  EXPECT_EQ(input.find("\"policies\""), std::string::npos) << input;
  EXPECT_LE(input.size(), 4u) << "structure then bytes: nothing but an empty object is left: " << input;
  const auto repro = run_repro(run, f, std::chrono::seconds(30));
  EXPECT_NE(repro.exit_code, 0) << "repro.sh reproduces the crash";
  const auto verdict = nlohmann::json::parse(slurp(run.out / f["path"].get<std::string>() / "verdict.json"));
  EXPECT_EQ(verdict["expected"], "invalid");
  const auto chain = nlohmann::json::parse(slurp(run.out / f["path"].get<std::string>() / "chain.json"));
  EXPECT_EQ(chain["seed"], 7);
  EXPECT_FALSE(chain["chain"].empty());
}

TEST(FuzzExec, HangOnDeepNestingIsFoundWithinTheTimeout) {
  const auto run = fuzz(BROKEN_HANG " @@", {"--max-cases", "12", "--mutators", "deep-nesting=200", "--timeout", "1500",
                                           "--minimize-time", "40", "--jobs", "2"});
  const auto f = only_finding(run, "hang");
  ASSERT_FALSE(f.is_null());
  const auto repro = run_repro(run, f, std::chrono::seconds(3));
  EXPECT_TRUE(repro.timed_out) << "repro.sh hangs as the target did";
}

TEST(FuzzExec, MemoryBlowUpOnAGzipBombIsFound) {
  const auto run = fuzz(BROKEN_MEMORY " @@", {"--max-cases", "20", "--format", "json.gz", "--mutators", "gzip-bomb",
                                             "--memory-limit", "48", "--minimize-time", "10", "--timeout", "30000"});
  const auto f = only_finding(run, "memory");
  ASSERT_FALSE(f.is_null());
  const auto repro = run_repro(run, f, std::chrono::seconds(60));
  EXPECT_NE(repro.exit_code, 0) << "repro.sh runs under the same memory limit: " << repro.err;
}

TEST(FuzzExec, ValidReportsRejectedForMxHostArraysAreAVerdictMismatch) {
  const auto run = fuzz(BROKEN_MX_HOST " @@", {"--max-cases", "40", "--valid-share", "1", "--accept-exit", "0",
                                              "--reject-exit", "1"});
  const auto f = only_finding(run, "verdict-mismatch");
  ASSERT_FALSE(f.is_null());
  EXPECT_EQ(f["expected"], "valid");
  EXPECT_NE(f["summary"].get<std::string>().find("mx-host must be a string"), std::string::npos) << f.dump(2);
  const auto input = slurp(run.out / f["path"].get<std::string>() / "input.json");
  EXPECT_NE(input.find("\"mx-host\":["), std::string::npos) << input;
  const auto repro = run_repro(run, f, std::chrono::seconds(30));
  EXPECT_EQ(repro.exit_code, 1);
  EXPECT_NE(repro.err.find("mx-host must be a string"), std::string::npos);
}

// 24 cases: each starts the binary afresh (about a second apiece under the sanitizers, several on a
// loaded machine), and with seed 7 they already draw 16 mutators and both verdicts.
TEST(FuzzExec, ACorrectParserWithTheExitCodeOracleYieldsNoFindings) {
  const auto run = fuzz(binary().string() + " check --quiet @@",
                        {"--max-cases", "24", "--format", "json,json.gz,eml", "--accept-exit", "0", "--reject-exit",
                         "1", "--timeout", "20000", "--jobs", "2"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  ASSERT_FALSE(run.summary.is_discarded()) << run.process.out;
  EXPECT_TRUE(run.summary["findings"].empty()) << run.summary.dump(2);
  EXPECT_EQ(run.summary["cases"], 24);
  EXPECT_GT(run.summary["mutators"].size(), 10u) << "the run drew on much of the catalogue";
  EXPECT_GT(run.summary["our-verdicts"].value("valid", 0), 0);
  EXPECT_GT(run.summary["our-verdicts"].value("invalid", 0), 0);
}

TEST(FuzzExec, InputOnStdinWithoutAtAtAndAUserCorpus) {
  const auto corpus = make_temp_dir("fuzz-corpus");
  std::ofstream(corpus / "no-policies.json") << R"({"organization-name":"x"})";
  const auto run = fuzz(BROKEN_CRASH, {"--max-cases", "1", "--corpus", corpus.string()});
  const auto f = only_finding(run, "crash");
  ASSERT_FALSE(f.is_null());
  const auto repro = slurp(run.out / f["path"].get<std::string>() / "repro.sh");
  EXPECT_NE(repro.find("< input.json"), std::string::npos) << repro;
  const auto chain = nlohmann::json::parse(slurp(run.out / f["path"].get<std::string>() / "chain.json"));
  EXPECT_EQ(chain["origin"], "corpus:no-policies.json");
}

TEST(FuzzExec, HarnessErrorsExitTwo) {
  EXPECT_EQ(run_lab({"fuzz", "--exec", "no-such-program-tlsrpt @@", "--max-cases", "1"}).exit_code, 2);
  EXPECT_EQ(run_lab({"fuzz", "--exec", "sh 'unterminated", "--max-cases", "1"}).exit_code, 2);
  EXPECT_EQ(run_lab({"fuzz", "--max-cases", "1"}).exit_code, 2);
}

TEST(FuzzExec, SameSeedSameFindingsAndResumeCarriesOn) {
  const auto a = fuzz(BROKEN_CRASH " @@", {"--max-cases", "30", "--mutators", "missing-required-field", "--no-minimize"});
  const auto b = fuzz(BROKEN_CRASH " @@", {"--max-cases", "30", "--mutators", "missing-required-field", "--no-minimize"});
  ASSERT_FALSE(a.summary.is_discarded());
  ASSERT_FALSE(b.summary.is_discarded());
  EXPECT_EQ(a.summary["findings"], b.summary["findings"]);
  const auto resumed = run_lab({"fuzz", "--exec", BROKEN_CRASH " @@", "--out", a.out.string(), "--json", "--seed", "7",
                                "--max-cases", "10", "--mutators", "missing-required-field", "--resume"});
  const auto s = nlohmann::json::parse(resumed.out, nullptr, false);
  ASSERT_FALSE(s.is_discarded()) << resumed.out << resumed.err;
  EXPECT_EQ(s["first-case"], 30);
  EXPECT_EQ(s["findings"].size(), 1u) << "the finding of the first run is known, not new";
}

}  // namespace
}  // namespace tlsrpt::test
