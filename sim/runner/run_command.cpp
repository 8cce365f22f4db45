#include "sim/runner/run_command.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/util/datetime.hpp"
#include "sim/runner/check.hpp"
#include "sim/runner/driver.hpp"
#include "sim/runner/incident.hpp"
#include "sim/runner/outputs.hpp"
#include "sim/scenario/loader.hpp"

namespace tlsrpt::runner {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop.store(true); }

struct RunOptions {
  std::vector<std::string> files;
  std::string out = "tlsrpt-lab-out";
  unsigned jobs = 1;
  unsigned threads = 4;  // sessions mostly wait on round trips: twice the cores keeps both busy
  bool quiet = false;
  std::optional<std::uint64_t> seed;  // overrides every scenario's own seed
};

class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : tty_(!quiet && isatty(STDERR_FILENO)), quiet_(quiet) {}

  std::function<void(const Progress&)> for_scenario(const std::string& id) {
    return [this, id, last_decile = std::make_shared<int>(-1)](const Progress& p) {
      if (quiet_ || p.sessions_total == 0) return;
      const int percent = static_cast<int>(100 * p.sessions_done / p.sessions_total);
      const std::lock_guard lock(mutex_);
      if (tty_) {
        const int filled = percent / 5;
        std::cerr << "\r" << id << " [" << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(20 - filled), '.') << "] " << percent << "% "
                  << thousands(p.sessions_done) << " sessions, " << format_rfc3339(p.virtual_now).substr(0, 16)
                  << ", " << thousands(p.failures) << " failed   " << std::flush;
        if (percent == 100) std::cerr << '\n';
      } else if (percent / 10 != *last_decile) {
        *last_decile = percent / 10;
        std::cerr << id << ": " << percent << "% (" << thousands(p.sessions_done) << " sessions, virtual "
                  << format_rfc3339(p.virtual_now) << ", " << thousands(p.failures) << " failed)\n";
      }
    };
  }

 private:
  std::mutex mutex_;
  bool tty_;
  bool quiet_;
};

struct Outcome {
  scenario::Scenario scenario;
  RunResult run;
  std::vector<CaseResult> cases;
};

int run_all(const RunOptions& options) {
  if (options.files.empty()) {
    std::cerr << "tlsrpt-lab run: give at least one scenario file\n";
    return cli::exit_harness;
  }
  // Lint everything first: a run never starts on an invalid file.
  std::vector<scenario::Scenario> scenarios;
  int lint_errors = 0;
  for (const auto& file : options.files) {
    auto loaded = scenario::load_scenario(file);
    for (const auto& d : loaded.diagnostics) std::cerr << scenario::format(d) << '\n';
    lint_errors += static_cast<int>(loaded.diagnostics.size());
    if (loaded.ok()) scenarios.push_back(std::move(*loaded.scenario));
  }
  if (options.seed)
    for (auto& s : scenarios) s.seed = *options.seed;
  if (lint_errors) {
    std::cerr << "tlsrpt-lab run: " << lint_errors << " error(s) in the scenario files; nothing was run\n";
    return cli::exit_failed;
  }

  g_stop.store(false);
  const auto previous_int = std::signal(SIGINT, on_interrupt);
  const auto previous_term = std::signal(SIGTERM, on_interrupt);
  ProgressPrinter printer(options.quiet);
  std::vector<Outcome> outcomes(scenarios.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < scenarios.size(); i = next++) {
      DriveOptions drive_options;
      drive_options.threads = options.threads;
      drive_options.stop = &g_stop;
      drive_options.on_progress = printer.for_scenario(scenarios[i].id);
      outcomes[i].scenario = scenarios[i];
      outcomes[i].run = run_scenario(scenarios[i], drive_options);
      outcomes[i].cases = check_expectations(scenarios[i], outcomes[i].run);
    }
  };
  std::vector<std::thread> pool;
  const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(scenarios.size())));
  for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);

  int code = cli::exit_ok;
  std::vector<RunView> views;
  for (const auto& o : outcomes) {
    const RunView view{o.scenario, o.run, o.cases};
    views.push_back(view);
    const auto dir = std::filesystem::path(options.out) / o.scenario.id;
    try {
      write_outputs(view, dir);
    } catch (const std::exception& e) {
      std::cerr << "tlsrpt-lab run: " << e.what() << '\n';
      code = cli::exit_harness;
    }
    std::cout << terminal_summary(view) << "  Outputs: " << dir.string() << "/\n\n";
    code = std::max(code, exit_code(o.run, o.cases));
  }
  try {
    std::filesystem::create_directories(options.out);
    std::ofstream(std::filesystem::path(options.out) / "junit.xml") << junit_xml(views);
  } catch (const std::exception& e) {
    std::cerr << "tlsrpt-lab run: " << e.what() << '\n';
    code = cli::exit_harness;
  }
  return code;
}

}  // namespace

tlsrpt::cli::Subcommand register_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* sub = app.add_subcommand("run", "Run scenarios on a virtual clock and check their expectations");
  sub->add_option("files", options->files, "Scenario files (YAML)")->required();
  sub->add_option("--out", options->out, "Output folder; one subfolder per scenario (default tlsrpt-lab-out)");
  sub->add_option("--jobs", options->jobs, "Scenarios run at the same time (default 1)")->check(CLI::Range(1, 16));
  sub->add_option("--threads", options->threads, "Session threads per scenario (default 4)")->check(CLI::Range(1, 64));
  sub->add_flag("--quiet", options->quiet, "No progress output");
  sub->add_option("--seed", options->seed, "Run with this seed instead of each scenario's own");
  return {sub, [options] { return run_all(*options); }};
}

}  // namespace tlsrpt::runner
