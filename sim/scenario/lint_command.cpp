#include "sim/scenario/lint_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"

namespace tlsrpt::scenario {
namespace {

struct LintOptions {
  std::vector<std::string> files;
  bool reference = false;
};

int run_lint(const LintOptions& options) {
  if (options.reference) {
    std::cout << reference_markdown();
    return cli::exit_ok;
  }
  if (options.files.empty()) {
    std::cerr << "tlsrpt-lab lint: give at least one scenario file (or --reference)\n";
    return cli::exit_harness;
  }
  int errors = 0;
  for (const auto& file : options.files) {
    const auto result = load_scenario(file);
    for (const auto& d : result.diagnostics) std::cout << format(d) << '\n';
    errors += static_cast<int>(result.diagnostics.size());
    if (result.ok()) std::cout << file << ": ok (" << result.scenario->id << ")\n";
  }
  if (errors) std::cout << errors << (errors == 1 ? " error\n" : " errors\n");
  return errors ? cli::exit_failed : cli::exit_ok;
}

}  // namespace

tlsrpt::cli::Subcommand register_lint_command(CLI::App& app) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* sub = app.add_subcommand("lint", "Check scenario files: every error with file:line:column and key");
  sub->add_option("files", options->files, "Scenario files (YAML)");
  sub->add_flag("--reference", options->reference, "Print the scenario language reference (Markdown) and exit");
  return {sub, [options] { return run_lint(*options); }};
}

}  // namespace tlsrpt::scenario
