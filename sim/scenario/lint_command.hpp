// `tlsrpt-lab lint SCENARIO…`: load every file and print each error as file:line:column: key.
// `--reference` prints the scenario language reference (docs/scenario-reference.md) instead.
#pragma once

#include "core/cli/subcommand.hpp"

namespace tlsrpt::scenario {

tlsrpt::cli::Subcommand register_lint_command(CLI::App& app);

}  // namespace tlsrpt::scenario
