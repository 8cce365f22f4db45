// `tlsrpt-lab run SCENARIO…`: lint, run on the virtual clock, check expectations, write outputs.
// Exit codes: 0 every expectation held, 1 one failed (or is unsupported, or a file is invalid),
// 2 the harness failed or was interrupted.
#pragma once

#include "core/cli/subcommand.hpp"

namespace tlsrpt::runner {

tlsrpt::cli::Subcommand register_run_command(CLI::App& app);

}  // namespace tlsrpt::runner
