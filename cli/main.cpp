// tlsrpt-lab: one executable, one subcommand per job. Exit codes: 0 pass, 1 a case failed,
// 2 the harness itself failed or the command line was wrong.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <vector>

#include "core/cli/subcommand.hpp"
#include "core/check/check_command.hpp"
#include "conformance/cli/conformance_command.hpp"
#include "generators/cli/commands.hpp"
#include "fakedns/cli/dns_command.hpp"
#include "fakemx/mx_command.hpp"
#include "fuzz/cli/fuzz_command.hpp"
#include "sim/runner/run_command.hpp"
#include "sim/scenario/lint_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tlsrpt-lab: a test harness and report simulator for SMTP TLS Reporting (RFC 8460)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tlsrpt-lab 0.1.0");

  // Each folder registers its own subcommands here.
  std::vector<tlsrpt::cli::Subcommand> commands{
      tlsrpt::check::register_command(app),
      tlsrpt::gen::register_generate_command(app),
      tlsrpt::gen::register_load_command(app),
      tlsrpt::fakedns::register_command(app),
      tlsrpt::fakemx::register_mx_command(app),
      tlsrpt::scenario::register_lint_command(app),
      tlsrpt::runner::register_run_command(app),
      tlsrpt::conformance::register_command(app),
      tlsrpt::fuzz::register_fuzz_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : tlsrpt::cli::exit_harness;
  }
  try {
    for (auto& command : commands)
      if (command.app->parsed()) return command.run();
  } catch (const std::exception& e) {
    std::cerr << "tlsrpt-lab: " << e.what() << '\n';
    return tlsrpt::cli::exit_harness;
  }
  return tlsrpt::cli::exit_harness;
}
