#include "fuzz/cli/fuzz_command.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "fuzz/driver/campaign.hpp"
#include "fuzz/driver/exec_target.hpp"

namespace tlsrpt::fuzz {
namespace {

constexpr const char* kHelp = R"(Fuzz someone else's TLS-RPT parser or receiver.

Inputs: valid reports of every reporter personality, the same passed through chains of the
generators' malformed-report mutators (JSON, gzip, MIME; see generate --list-mutators), and the
files of --corpus. Case k of a run is the same input for the same --seed.

Findings: crash (signal, sanitizer report, a --crash-exit status), hang (--timeout), memory
(--memory-limit), verdict-mismatch (with an oracle: a valid report rejected or an invalid one
accepted, judged by our validator). Each is deduplicated, minimised and saved under
OUT/findings/<class>/<id>/ with repro.sh. Exit status: 0 no findings, 1 findings, 2 harness error.)";

struct Options {
  std::string exec;
  std::vector<std::string> corpus;
  std::uint64_t seed = 1;
  std::uint64_t max_cases = 1000;
  double max_time = 60;
  int jobs = 1;
  int timeout_ms = 2000;
  std::size_t memory_mb = 2048;
  bool no_address_limit = false;
  std::string formats = "json";
  std::string personalities, mutators;
  std::vector<int> crash_exits, accept_exits, reject_exits;
  std::string accept_regex, reject_regex;
  std::string out = "fuzz-out";
  bool json = false, resume = false, no_minimize = false, quiet = false;
  double minimize_time = 30;
  double valid_share = 0.2;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    auto item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The case runs in its own directory: a program path or an argument naming an existing file
// relative to here is made absolute, so `python3 parser.py @@` keeps working there.
CommandLine prepare_command(const std::string& text) {
  auto command = split_command(text);
  const auto program = resolve_program(command.argv[0]);
  if (program.empty()) throw std::invalid_argument("--exec: program '" + command.argv[0] + "' not found");
  command.argv[0] = std::filesystem::absolute(program).string();
  for (std::size_t i = 1; i < command.argv.size(); ++i) {
    auto& word = command.argv[i];
    std::error_code ec;
    if (word.find("@@") == std::string::npos && !word.empty() && word[0] != '-' && word[0] != '/' &&
        std::filesystem::exists(word, ec))
      word = std::filesystem::absolute(word).string();
  }
  return command;
}

std::string make_work_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/tlsrpt-fuzz-XXXXXX";
  if (!mkdtemp(templ.data())) throw std::runtime_error("cannot create a work directory in " + templ);
  return templ;
}

int run(const Options& o) {
  CampaignOptions co;
  co.inputs.seed = o.seed;
  co.inputs.formats.clear();
  for (const auto& f : split_list(o.formats)) co.inputs.formats.push_back(gen::format_from(f));
  co.inputs.personalities = split_list(o.personalities);
  co.inputs.mutators = split_list(o.mutators);
  co.inputs.unmutated_share = o.valid_share;
  for (const auto& dir : o.corpus)
    for (auto& f : load_corpus(dir)) co.inputs.corpus.push_back(std::move(f));
  co.max_cases = o.max_cases;
  co.max_time = std::chrono::milliseconds(static_cast<std::int64_t>(o.max_time * 1000));
  co.jobs = o.jobs;
  co.minimize = !o.no_minimize;
  co.minimize_budget.max_time = std::chrono::milliseconds(static_cast<std::int64_t>(o.minimize_time * 1000));
  co.live = !o.quiet && !o.json && isatty(STDERR_FILENO);
  co.resume = o.resume;
  co.out_dir = o.out;

  if (o.exec.empty()) throw std::invalid_argument("give the target: --exec 'CMD [@@]'");
  ExecConfig config;
  config.command = prepare_command(o.exec);
  config.limits.timeout = std::chrono::milliseconds(o.timeout_ms);
  config.limits.memory_mb = o.memory_mb;
  config.limits.address_limit = !o.no_address_limit && !links_sanitizer(config.command.argv[0]);
  config.crash_exits = {o.crash_exits.begin(), o.crash_exits.end()};
  config.oracle.accept_exits = {o.accept_exits.begin(), o.accept_exits.end()};
  config.oracle.reject_exits = {o.reject_exits.begin(), o.reject_exits.end()};
  config.oracle.accept_regex = o.accept_regex;
  config.oracle.reject_regex = o.reject_regex;
  for (int code : config.crash_exits)
    if (config.oracle.accept_exits.count(code) || config.oracle.reject_exits.count(code))
      throw std::invalid_argument("exit status " + std::to_string(code) + " cannot be both a crash and a verdict");
  co.oracle = !config.oracle.empty();
  const auto work = make_work_dir();
  config.work_dir = work;
  const ExecTarget describe_only(config);
  const auto target = describe_only.describe();

  CampaignResult result;
  try {
    result = run_campaign(co, [&] { return std::make_unique<ExecTarget>(config); });
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(work, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(work, ec);

  const auto json = summary_json(result, co, target);
  {
    std::ofstream file(std::filesystem::path(o.out) / "summary.json");
    file << json;
  }
  if (o.json) std::cout << json;
  else std::cout << summary_text(result, target);
  if (!result.harness_error.empty()) {
    std::cerr << "tlsrpt-lab fuzz: " << result.harness_error << '\n';
    return cli::exit_harness;
  }
  return result.findings.empty() ? cli::exit_ok : cli::exit_failed;
}

}  // namespace

cli::Subcommand register_fuzz_command(CLI::App& app) {
  auto* sub = app.add_subcommand("fuzz", "Fuzz a third-party TLS-RPT parser (--exec) and keep minimised reproducers");
  sub->footer(kHelp);
  auto o = std::make_shared<Options>();
  sub->add_option("--exec", o->exec, "command to fuzz; @@ = the input file's path, else the input is on stdin (no shell)");
  sub->add_option("--corpus", o->corpus, "directory (or file) of your own inputs; repeatable")->check(CLI::ExistingPath);
  sub->add_option("--seed", o->seed, "seed: case k is the same input for the same seed")->capture_default_str();
  sub->add_option("--max-cases", o->max_cases, "stop after this many cases")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}))
      ->capture_default_str();
  sub->add_option("--max-time", o->max_time, "stop after this many seconds")
      ->check(CLI::Range(0.1, 7.0 * 86400))
      ->capture_default_str();
  sub->add_option("-j,--jobs", o->jobs, "parallel cases")->check(CLI::Range(1, 256))->capture_default_str();
  sub->add_option("--timeout", o->timeout_ms, "milliseconds before a case counts as a hang")
      ->check(CLI::Range(10, 600000))
      ->capture_default_str();
  sub->add_option("--memory-limit", o->memory_mb, "MiB of memory (resident, and address space) before a case counts as a blow-up")
      ->check(CLI::Range(16, 1 << 20))
      ->capture_default_str();
  sub->add_flag("--no-address-limit", o->no_address_limit,
                "do not set RLIMIT_AS (for runtimes that reserve much address space; sanitizer builds are detected)");
  sub->add_option("--format", o->formats, "input formats to generate: json,json.gz,eml")->capture_default_str();
  sub->add_option("--personality", o->personalities, "reporter personalities to generate (default: all)");
  sub->add_option("--mutators", o->mutators, "mutators to draw from, NAME[=ARG],... (default: the whole catalogue)");
  sub->add_option("--valid-share", o->valid_share, "share of generated cases left unmutated (valid reports)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--crash-exit", o->crash_exits, "exit statuses that mean the target crashed, e.g. 3,4")->delimiter(',');
  sub->add_option("--accept-exit", o->accept_exits, "oracle: exit statuses meaning 'accepted'")->delimiter(',');
  sub->add_option("--reject-exit", o->reject_exits, "oracle: exit statuses meaning 'rejected'")->delimiter(',');
  sub->add_option("--accept-regex", o->accept_regex, "oracle: output (stdout+stderr) matching this means 'accepted'");
  sub->add_option("--reject-regex", o->reject_regex, "oracle: output matching this means 'rejected'");
  sub->add_option("--out", o->out, "output directory (findings/, summary.json, state.json)")->capture_default_str();
  sub->add_flag("--json", o->json, "print the summary as JSON (sorted keys) instead of the table");
  sub->add_flag("--resume", o->resume, "carry on after the last case of the previous run in --out");
  sub->add_flag("--no-minimize", o->no_minimize, "save findings as found");
  sub->add_option("--minimize-time", o->minimize_time, "seconds spent minimising one finding")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  sub->add_flag("-q,--quiet", o->quiet, "no live statistics line");
  return {sub, [o] { return run(*o); }};
}

}  // namespace tlsrpt::fuzz
