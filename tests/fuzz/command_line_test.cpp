#include "fuzz/driver/command_line.hpp"

#include <gtest/gtest.h>

namespace tlsrpt::fuzz {
namespace {

// Word splitting itself is core/util's (tests/core_util); here the "@@" input slot.
TEST(CommandLine, AtAtMakesTheInputAFile) {
  const auto c = split_command(R"(parser --name 'a b' @@)");
  EXPECT_EQ(c.argv, (std::vector<std::string>{"parser", "--name", "a b", "@@"}));
  EXPECT_TRUE(c.input_as_file);
}

TEST(CommandLine, WithoutAtAtTheInputGoesToStdin) {
  EXPECT_FALSE(split_command("parser --json").input_as_file);
  EXPECT_FALSE(split_command("parser '@' @").input_as_file);
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

}  // namespace
}  // namespace tlsrpt::fuzz
