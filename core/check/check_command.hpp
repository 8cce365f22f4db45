// `tlsrpt-lab check FILE… | -`: validate and explain reports (.json, .json.gz, .eml, directories).
#pragma once

#include "core/cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::check {

cli::Subcommand register_command(CLI::App& app);

}  // namespace tlsrpt::check
