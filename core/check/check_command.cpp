#include "core/check/check_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/check/checker.hpp"
#include "core/check/inputs.hpp"
#include "core/check/output.hpp"

namespace tlsrpt::check {
namespace {

struct Args {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string profile = "strict";
  bool quiet = false;
  bool all = false;
  bool list_rules = false;
  std::size_t max_size_mib = 256;
};

int run(const Args& args) {
  if (args.list_rules) {
    args.format == "json" ? print_rules_json(std::cout) : print_rules_text(std::cout);
    return cli::exit_ok;
  }
  if (args.inputs.empty()) {
    std::cerr << "check: give at least one report file, directory, or - for standard input\n";
    return cli::exit_harness;
  }
  CheckOptions options;
  options.profile = args.profile == "lenient" ? Profile::lenient : Profile::strict;
  options.max_size = args.max_size_mib << 20;

  const ExpandedInputs expanded = expand_inputs(args.inputs);
  bool harness_problem = !expanded.problems.empty();
  for (const auto& p : expanded.problems) std::cerr << "check: " << p << "\n";

  std::vector<CheckResult> results;  // kept for --format json only: a directory may hold thousands
  Totals totals;
  for (const auto& path : expanded.paths) {
    CheckResult r = check_path(path, options);
    totals.add(r);
    if (args.format == "json") {
      results.push_back(std::move(r));
      continue;
    }
    print_text(std::cout, r, options.profile, args.quiet, args.all);
    if (r.unreadable) std::cerr << "check: " << r.input << ": " << *r.unreadable << "\n";
  }
  if (args.format == "json")
    print_json(std::cout, results, options.profile);
  else if (expanded.paths.size() > 1)
    print_totals_text(std::cout, totals);
  harness_problem |= totals.unreadable > 0;
  const bool any_invalid = totals.invalid > 0;
  if (harness_problem) return cli::exit_harness;
  return any_invalid ? cli::exit_failed : cli::exit_ok;
}

}  // namespace

cli::Subcommand register_command(CLI::App& app) {
  auto* sub = app.add_subcommand("check", "Validate and explain TLS-RPT reports (.json, .json.gz, .eml, DIR, -)");
  auto args = std::make_shared<Args>();
  sub->add_option("inputs", args->inputs, "report files, directories (searched recursively), or - for stdin");
  sub->add_option("--format", args->format, "output: text or json (sorted keys)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_option("--profile", args->profile, "strict (RFC 8460 as written) or lenient (what receivers must tolerate)")
      ->check(CLI::IsMember({"strict", "lenient"}))
      ->capture_default_str();
  sub->add_flag("-q,--quiet", args->quiet, "print only the verdict line per input");
  sub->add_flag("--all", args->all, "text output: every finding (by default at most 10 per rule, then a count)");
  sub->add_flag("--list-rules", args->list_rules, "print the validation rules with their severity per profile");
  sub->add_option("--max-size", args->max_size_mib, "largest input (and inflated report) in MiB")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  return {sub, [args] { return run(*args); }};
}

}  // namespace tlsrpt::check
