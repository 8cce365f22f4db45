#include "fuzz/driver/command_line.hpp"

namespace tlsrpt::fuzz {

CommandLine split_command(std::string_view text) {
  CommandLine out;
  out.argv = util::split_words(text);
  out.input_as_file = util::mentions(out.argv, kInputSlot);
  return out;
}

std::vector<std::string> substitute_input(const CommandLine& command, const std::string& input_path) {
  return util::substitute(command.argv, kInputSlot, input_path);
}

}  // namespace tlsrpt::fuzz
