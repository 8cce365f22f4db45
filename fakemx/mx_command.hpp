// `tlsrpt-lab mx`: fake MX hosts (and on-path attackers in front of them) on their own, for use
// with any SMTP client or MTA. Prints each listener and the CA file clients must trust, then runs
// until SIGINT/SIGTERM (or --duration).
#pragma once

#include "core/cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::fakemx {

cli::Subcommand register_mx_command(CLI::App& app);

}  // namespace tlsrpt::fakemx
