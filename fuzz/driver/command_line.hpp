// The target command of `fuzz --exec`: words split as core/util/command_line.hpp splits them
// (sh-like, never through a shell). "@@" in a word stands for the input file's path; without it
// the input goes to the program's standard input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/command_line.hpp"

namespace tlsrpt::fuzz {

using util::resolve_program;
using util::shell_quote;

inline constexpr std::string_view kInputSlot = "@@";

struct CommandLine {
  std::vector<std::string> argv;  // argv[0] as written; resolved against PATH when run
  bool input_as_file = false;     // some word contains "@@"
};

// Throws std::invalid_argument on an unterminated quote or an empty command.
CommandLine split_command(std::string_view text);

// argv with every "@@" replaced by `input_path`.
std::vector<std::string> substitute_input(const CommandLine& command, const std::string& input_path);

}  // namespace tlsrpt::fuzz
