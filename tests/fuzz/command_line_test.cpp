#include "fuzz/driver/command_line.hpp"

#include <gtest/gtest.h>

namespace tlsrpt::fuzz {
namespace {

TEST(CommandLine, SplitsWordsWithQuotesAndBackslashesButNoShell) {
  const auto c = split_command(R"(parser --name 'a b' "c \"d\"" e\ f $HOME;ls @@)");
  const std::vector<std::string> want{"parser", "--name", "a b", "c \"d\"", "e f", "$HOME;ls", "@@"};
  EXPECT_EQ(c.argv, want);
  EXPECT_TRUE(c.input_as_file);
}

TEST(CommandLine, WithoutAtAtTheInputGoesToStdin) {
  EXPECT_FALSE(split_command("parser --json").input_as_file);
}

TEST(CommandLine, UnterminatedQuoteAndEmptyCommandAreErrors) {
  EXPECT_THROW(split_command("parser 'oops"), std::invalid_argument);
  EXPECT_THROW(split_command("   "), std::invalid_argument);
}

TEST(CommandLine, SubstitutesEveryAtAtIncludingInsideAWord) {
  const auto c = split_command("p --in=@@ @@");
  const std::vector<std::string> want{"p", "--in=/t/input.json", "/t/input.json"};
  EXPECT_EQ(substitute_input(c, "/t/input.json"), want);
}

TEST(CommandLine, ShellQuoteRoundTripsThroughSplit) {
  for (std::string word : {"plain", "with space", "it's", "$(rm -rf /)", ""}) {
    const auto c = split_command("x " + shell_quote(word));
    ASSERT_EQ(c.argv.size(), 2u) << word;
    EXPECT_EQ(c.argv[1], word);
  }
}

TEST(CommandLine, ResolvesProgramsOnPath) {
  EXPECT_EQ(resolve_program("sh").empty(), false);
  EXPECT_EQ(resolve_program("no-such-program-tlsrpt"), "");
}

}  // namespace
}  // namespace tlsrpt::fuzz
