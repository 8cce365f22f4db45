// The target command of `fuzz --exec`: split like a shell would split words (quotes and
// backslashes), but never run through one. "@@" in a word stands for the input file's path;
// without it the input goes to the program's standard input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fuzz {

struct CommandLine {
  std::vector<std::string> argv;  // argv[0] as written; resolved against PATH when run
  bool input_as_file = false;     // some word contains "@@"
};

// Throws std::invalid_argument on an unterminated quote or an empty command.
CommandLine split_command(std::string_view text);

// argv with every "@@" replaced by `input_path`.
std::vector<std::string> substitute_input(const CommandLine& command, const std::string& input_path);

// `program` resolved against PATH (unchanged when it contains '/'); empty when not found.
std::string resolve_program(const std::string& program);

// One word quoted for sh, for repro.sh: 'it'\''s'.
std::string shell_quote(std::string_view word);

}  // namespace tlsrpt::fuzz
