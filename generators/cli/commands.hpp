// The subcommands this folder adds to tlsrpt-lab: `generate` and `load`.
#pragma once

#include "generators/cli/generate_command.hpp"
#include "generators/cli/load_command.hpp"
