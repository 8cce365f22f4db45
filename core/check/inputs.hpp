// Turning `check` arguments into a list of inputs: files as given, "-" for stdin, and for a
// directory every report file under it (recursive, sorted: .json, .json.gz, .gz, .eml).
#pragma once

#include <string>
#include <vector>

namespace tlsrpt::check {

struct ExpandedInputs {
  std::vector<std::string> paths;     // in order; "-" kept as is
  std::vector<std::string> problems;  // "DIR: cannot be listed (...)" and the like
};

ExpandedInputs expand_inputs(const std::vector<std::string>& args);

bool is_report_file_name(const std::string& name);

}  // namespace tlsrpt::check
