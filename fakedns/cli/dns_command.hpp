// `tlsrpt-lab dns`: the fake DNS server on its own, for use with other software.
#pragma once

#include "core/cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::fakedns {

cli::Subcommand register_command(CLI::App& app);

}  // namespace tlsrpt::fakedns
