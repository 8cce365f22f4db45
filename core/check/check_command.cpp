#include "core/check/check_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace tlsrpt::check {

cli::Subcommand register_command(CLI::App& app) {
  auto* sub = app.add_subcommand("check", "Validate and explain TLS-RPT reports (.json, .json.gz, .eml, dir, -)");
  auto files = std::make_shared<std::vector<std::string>>();
  sub->add_option("inputs", *files, "report files, directories, or - for stdin")->required();
  return {sub, [files] {
            std::cerr << "check: not implemented yet\n";
            return static_cast<int>(cli::exit_harness);
          }};
}

}  // namespace tlsrpt::check
