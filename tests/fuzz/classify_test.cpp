#include <gtest/gtest.h>
#include <signal.h>

#include "fuzz/driver/exec_target.hpp"

namespace tlsrpt::fuzz {
namespace {

util::ChildRun exited(int code, std::string err = {}) {
  util::ChildRun r;
  r.exit_code = code;
  r.err = std::move(err);
  return r;
}

TEST(Classify, TimeoutIsAHang) {
  util::ChildRun r;
  r.timed_out = true;
  r.signal = SIGKILL;
  EXPECT_EQ(classify(r, {}).finding, FindingClass::hang);
}

TEST(Classify, SignalIsACrashNamedBySignalAndMessage) {
  util::ChildRun r;
  r.signal = SIGSEGV;
  const auto o = classify(r, {});
  EXPECT_EQ(o.finding, FindingClass::crash);
  EXPECT_EQ(o.summary, "SIGSEGV");
}

TEST(Classify, SanitizerReportIsACrashEvenWithAnOrdinaryExit) {
  const auto o = classify(exited(1, "==1==ERROR: AddressSanitizer: SEGV on unknown address\n    #0 0x1 in f /x.c:1\n\n"
                                    "SUMMARY: AddressSanitizer: SEGV /x.c:1 in f\n"),
                          {});
  EXPECT_EQ(o.finding, FindingClass::crash);
  EXPECT_EQ(o.signature, "AddressSanitizer: SEGV|f");
}

TEST(Classify, OnlyDeclaredExitStatusesAreCrashes) {
  ExecConfig config;
  config.crash_exits = {3};
  EXPECT_EQ(classify(exited(1, "error: bad\n"), config).finding, FindingClass::none);
  const auto o = classify(exited(3, "Traceback (most recent call last):\n  x\nKeyError: 'policies'\n"), config);
  EXPECT_EQ(o.finding, FindingClass::crash);
  EXPECT_EQ(o.summary, "exit 3: KeyError: 'policies'");
}

TEST(Classify, OutOfMemoryBeatsTheCrashItCaused) {
  util::ChildRun r;
  r.signal = SIGABRT;
  r.err = "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n";
  EXPECT_EQ(classify(r, {}).finding, FindingClass::memory);
  util::ChildRun over;
  over.memory_exceeded = true;
  over.signal = SIGKILL;
  EXPECT_EQ(classify(over, {}).finding, FindingClass::memory);
}

TEST(Classify, OracleByExitStatusAndByRegex) {
  ExecConfig config;
  config.oracle.accept_exits = {0};
  config.oracle.reject_exits = {1};
  EXPECT_EQ(classify(exited(0), config).verdict, TargetVerdict::accept);
  EXPECT_EQ(classify(exited(1), config).verdict, TargetVerdict::reject);
  EXPECT_EQ(classify(exited(5), config).verdict, TargetVerdict::unknown);
  ExecConfig by_text;
  by_text.oracle.reject_regex = "invalid report";
  by_text.oracle.accept_regex = "^stored";
  auto r = exited(0);
  r.out = "stored 1 report\n";
  EXPECT_EQ(classify(r, by_text).verdict, TargetVerdict::accept);
  r.out = "invalid report: no policies\n";
  EXPECT_EQ(classify(r, by_text).verdict, TargetVerdict::reject);
}

}  // namespace
}  // namespace tlsrpt::fuzz
