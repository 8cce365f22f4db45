#include "fuzz/driver/crash_text.hpp"

#include <gtest/gtest.h>

namespace tlsrpt::fuzz {
namespace {

constexpr const char* kAsan = R"(=================================================================
==12345==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x55d0c1 bp 0x7ffd sp 0x7ffd
READ of size 1 at 0x602000000011 thread T0
    #0 0x55d0c1 in parse_policy(std::string const&) /src/parser.cpp:12:5
    #1 0x55d0c2 in parse_report(char const*) /src/parser.cpp:40:3
    #2 0x55d0c3 in main /src/main.cpp:9:10
    #3 0x7f00 in __libc_start_main (/lib/x86_64-linux-gnu/libc.so.6+0x2409a)

0x602000000011 is located 0 bytes to the right of 1-byte region
allocated by thread T0 here:
    #0 0x4b in malloc (/usr/lib/libasan.so+0x10)
    #1 0x55 in copy_name /src/parser.cpp:3:3

SUMMARY: AddressSanitizer: heap-buffer-overflow /src/parser.cpp:12:5 in parse_policy(std::string const&)
==12345==ABORTING
)";

TEST(CrashText, SanitizerSummaryKindAndTopFramesOfTheFirstStack) {
  const auto r = parse_sanitizer_report(kAsan);
  EXPECT_EQ(r.kind, "AddressSanitizer: heap-buffer-overflow");
  EXPECT_EQ(r.summary, "AddressSanitizer: heap-buffer-overflow /src/parser.cpp:12:5 in parse_policy(std::string const&)");
  ASSERT_EQ(r.frames.size(), 3u);
  EXPECT_EQ(r.frames[0], "parse_policy(std::string const&)");
  EXPECT_EQ(r.frames[1], "parse_report(char const*)");
  EXPECT_EQ(r.frames[2], "main");
}

TEST(CrashText, UbsanRuntimeErrorWithoutSummary) {
  const auto r = parse_sanitizer_report("p.cpp:7:12: runtime error: signed integer overflow: 2147483647 + 1\n");
  EXPECT_EQ(r.summary, "UndefinedBehaviorSanitizer: signed integer overflow: 2147483647 + 1");
  EXPECT_EQ(r.kind, "UndefinedBehaviorSanitizer: p.cpp:7:12: ");
}

TEST(CrashText, NoReportInOrdinaryOutput) {
  EXPECT_TRUE(parse_sanitizer_report("error: bad report\n").summary.empty());
}

TEST(CrashText, MessageLineOfAPythonTracebackIsTheException) {
  const auto line = message_line(
      "Traceback (most recent call last):\n  File \"p.py\", line 3, in <module>\n    r['policies']\nKeyError: 'policies'\n");
  EXPECT_EQ(line, "KeyError: 'policies'");
}

TEST(CrashText, MessageLineOfANodeErrorSkipsTheSourceExcerpt) {
  const auto line = message_line(
      "/x/p.js:4\n  return r.policies.length;\n           ^\n\nTypeError: Cannot read properties of undefined (reading 'length')\n"
      "    at parse (/x/p.js:4:20)\n");
  EXPECT_EQ(line, "TypeError: Cannot read properties of undefined (reading 'length')");
}

TEST(CrashText, MessageLineFallsBackToTheFirstNonEmptyLine) {
  EXPECT_EQ(message_line("\n\n  error: mx-host must be a string  \nmore\n"), "error: mx-host must be a string");
}

TEST(CrashText, SignatureNormalisationMasksVolatileParts) {
  EXPECT_EQ(normalize_for_signature("KeyError: 'policies' at 0x7ffd1234 line 42"),
            normalize_for_signature("KeyError: 'summary' at 0x55aa line 7"));
  EXPECT_NE(normalize_for_signature("KeyError: 'x'"), normalize_for_signature("TypeError: 'x'"));
}

TEST(CrashText, OutOfMemoryMessagesOfCommonRuntimes) {
  EXPECT_TRUE(mentions_out_of_memory("terminate called after throwing an instance of 'std::bad_alloc'"));
  EXPECT_TRUE(mentions_out_of_memory("Traceback ...\nMemoryError\n"));
  EXPECT_TRUE(mentions_out_of_memory("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"));
  EXPECT_FALSE(mentions_out_of_memory("KeyError: 'policies'"));
}

}  // namespace
}  // namespace tlsrpt::fuzz
