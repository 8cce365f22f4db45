#include "core/util/command_line.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tlsrpt::util {
namespace {

using Words = std::vector<std::string>;

TEST(CommandLine, SplitsWordsWithQuotesAndBackslashesButNoShell) {
  EXPECT_EQ(split_words(R"(parser --name 'a b' "c \"d\"" e\ f $HOME;ls @@)"),
            (Words{"parser", "--name", "a b", "c \"d\"", "e f", "$HOME;ls", "@@"}));
  EXPECT_EQ(split_words("  a\t\tb\nc  "), (Words{"a", "b", "c"}));
  EXPECT_EQ(split_words(R"(x '' "" 'it''s')"), (Words{"x", "", "", "its"}));
  // Inside double quotes only \" \\ \$ \` are escapes, as in sh.
  EXPECT_EQ(split_words(R"(x "a\nb" "\$")"), (Words{"x", "a\\nb", "$"}));
}

TEST(CommandLine, UnterminatedQuoteAndEmptyCommandAreErrors) {
  EXPECT_THROW(split_words("parser 'oops"), std::invalid_argument);
  EXPECT_THROW(split_words("parser \"oops"), std::invalid_argument);
  EXPECT_THROW(split_words("   "), std::invalid_argument);
  EXPECT_THROW(split_words(""), std::invalid_argument);
}

TEST(CommandLine, PlaceholdersAreFoundAndFilledInsideWords) {
  const Words w{"oracle", "--id={report-id}", "{report-id}{report-id}", "plain"};
  EXPECT_TRUE(mentions(w, "{report-id}"));
  EXPECT_FALSE(mentions(w, "@@"));
  EXPECT_EQ(substitute(w, "{report-id}", "r1"), (Words{"oracle", "--id=r1", "r1r1", "plain"}));
  // A value that contains the placeholder is not expanded again.
  EXPECT_EQ(substitute({"@@"}, "@@", "@@/@@"), (Words{"@@/@@"}));
  EXPECT_EQ(substitute({"a"}, "", "x"), (Words{"a"}));
}

TEST(CommandLine, ShellQuoteRoundTripsThroughSplit) {
  for (std::string word : {"plain", "with space", "it's", "$(rm -rf /)", "", "a\"b\\c", "tab\there"}) {
    const auto w = split_words("x " + shell_quote(word));
    ASSERT_EQ(w.size(), 2u) << word;
    EXPECT_EQ(w[1], word);
  }
  EXPECT_EQ(shell_quote("/usr/bin/x"), "/usr/bin/x");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
}

TEST(CommandLine, ResolvesProgramsOnPath) {
  EXPECT_FALSE(resolve_program("sh").empty());
  EXPECT_EQ(resolve_program("sh").front(), '/');
  EXPECT_EQ(resolve_program("no-such-program-tlsrpt"), "");
  EXPECT_EQ(resolve_program("/no/such/program"), "");
  EXPECT_EQ(resolve_program("/bin/sh"), "/bin/sh");
}

}  // namespace
}  // namespace tlsrpt::util
