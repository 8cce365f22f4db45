// `tlsrpt-lab generate`: seeded synthetic reports (and malformed ones) in bulk. See docs/generate.md.
#pragma once

#include "core/cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::gen {

cli::Subcommand register_generate_command(CLI::App& app);

}  // namespace tlsrpt::gen
