// `tlsrpt-lab fuzz`: throw generated and malformed reports at someone else's parser (--exec) or
// receiver (--http, --smtp) and keep minimised reproducers of what broke it (docs/fuzz.md).
#pragma once

#include "core/cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::fuzz {

cli::Subcommand register_fuzz_command(CLI::App& app);

}  // namespace tlsrpt::fuzz
