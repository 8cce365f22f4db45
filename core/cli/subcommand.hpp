// How a folder contributes a subcommand to the one executable: it adds itself to the CLI11 app
// and hands back what to run once the command line has been parsed.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace tlsrpt::cli {

// Exit codes used by every subcommand (blueprint habit 11).
enum ExitCode : int { exit_ok = 0, exit_failed = 1, exit_harness = 2 };

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

}  // namespace tlsrpt::cli
