// run_child against real programs (sh, cat, sleep): exit codes, signals, captured output and its
// cap, stdin from a file, the working directory, the deadline (which also takes the children the
// program started), the memory limit, and programs that cannot start.
#include "core/util/child_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>

#include "tests/support/paths.hpp"

namespace tlsrpt::util {
namespace {

using namespace std::chrono_literals;

ChildOptions with_timeout(std::chrono::milliseconds timeout) {
  ChildOptions o;
  o.limits.timeout = timeout;
  return o;
}

TEST(ChildProcess, CapturesStdoutAndStderrAndTheExitCode) {
  const auto run = run_child({"sh", "-c", "echo out; echo err >&2; exit 3"}, with_timeout(60s));
  EXPECT_TRUE(run.spawn_error.empty()) << run.spawn_error;
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.signal, 0);
  EXPECT_FALSE(run.timed_out);
  EXPECT_EQ(run.out, "out\n");
  EXPECT_EQ(run.err, "err\n");
  EXPECT_FALSE(run.ok());
  EXPECT_TRUE(run_child({"true"}, with_timeout(60s)).ok());
}

TEST(ChildProcess, ASignalIsReportedAsSuch) {
  const auto run = run_child({"sh", "-c", "kill -SEGV $$"}, with_timeout(60s));
  EXPECT_EQ(run.exit_code, -1);
  EXPECT_EQ(run.signal, SIGSEGV);
}

TEST(ChildProcess, OutputBeyondTheCapIsReadAndDropped) {
  ChildOptions o = with_timeout(60s);
  o.limits.output_cap = 1000;
  // 4 MB is far more than a pipe holds: the child only finishes if we keep reading.
  const auto run = run_child({"sh", "-c", "head -c 4000000 /dev/zero; echo done >&2"}, o);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_FALSE(run.timed_out);
  EXPECT_EQ(run.out.size(), 1000u);
  EXPECT_EQ(run.err, "done\n");
}

TEST(ChildProcess, StdinFromAFileAndAWorkingDirectory) {
  const auto dir = tlsrpt::test::make_temp_dir("child-process");
  std::ofstream(dir / "input.txt") << "hello from a file\n";
  ChildOptions o = with_timeout(60s);
  o.stdin_path = (dir / "input.txt").string();
  EXPECT_EQ(run_child({"cat"}, o).out, "hello from a file\n");
  o.stdin_path.clear();
  EXPECT_EQ(run_child({"cat"}, o).out, "");  // /dev/null
  o.working_dir = dir.string();
  EXPECT_EQ(run_child({"cat", "input.txt"}, o).out, "hello from a file\n");
  std::filesystem::remove_all(dir);
}

TEST(ChildProcess, TheDeadlineKillsTheProgramAndWhatItStarted) {
  const auto start = std::chrono::steady_clock::now();
  // The grandchild keeps the output pipe open; the call must still return at the deadline.
  const auto run = run_child({"sh", "-c", "sleep 60 & sleep 60"}, with_timeout(500ms));
  EXPECT_TRUE(run.timed_out);
  EXPECT_EQ(run.signal, SIGKILL);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
}

TEST(ChildProcess, ProgramsThatExitLeaveNoHoldersBehind) {
  // The program exits at once but leaves a background child holding stdout: not waited for.
  const auto start = std::chrono::steady_clock::now();
  const auto run = run_child({"sh", "-c", "echo first; sleep 60 & exit 0"}, with_timeout(60s));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_FALSE(run.timed_out);
  EXPECT_EQ(run.out, "first\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
}

TEST(ChildProcess, ResidentMemoryOverTheLimitIsKilled) {
  ChildOptions o = with_timeout(60s);
  o.limits.memory_mb = 64;
  o.limits.address_limit = false;  // sampled resident size only
  // Holds 400 MB of real memory until killed.
  const auto run = run_child({"sh", "-c", "x=$(head -c 400000000 /dev/zero | tr '\\0' a); sleep 60"}, o);
  EXPECT_TRUE(run.memory_exceeded);
  EXPECT_FALSE(run.timed_out);
  EXPECT_GT(run.peak_rss_kb, 64u * 1024);
}

TEST(ChildProcess, ProgramsThatCannotStartAreSpawnErrors) {
  EXPECT_NE(run_child({"no-such-program-tlsrpt"}, with_timeout(60s)).spawn_error, "");
  EXPECT_NE(run_child({}, with_timeout(60s)).spawn_error, "");
  EXPECT_EQ(run_child({"/bin/sh", "-c", "exit 0"}, with_timeout(60s)).spawn_error, "");
}

TEST(ChildProcess, SanitizerRuntimesAreRecognised) {
  EXPECT_FALSE(links_sanitizer("/bin/sh"));
  EXPECT_FALSE(links_sanitizer("/no/such/file"));
}

}  // namespace
}  // namespace tlsrpt::util
