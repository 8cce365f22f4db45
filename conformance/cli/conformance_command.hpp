// `tlsrpt-lab conformance`: the case catalogue run against a receiver (docs/conformance.md).
#pragma once

#include "core/cli/subcommand.hpp"

namespace tlsrpt::conformance {

cli::Subcommand register_command(CLI::App& app);

}  // namespace tlsrpt::conformance
