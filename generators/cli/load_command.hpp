// `tlsrpt-lab load`: drive generated or given reports into a receiver (HTTPS, SMTP, a folder).
#pragma once

#include "core/cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::gen {

cli::Subcommand register_load_command(CLI::App& app);

}  // namespace tlsrpt::gen
