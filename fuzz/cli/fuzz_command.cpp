#include "fuzz/cli/fuzz_command.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "fuzz/driver/campaign.hpp"
#include "fuzz/driver/exec_target.hpp"
#include "fuzz/driver/network_targets.hpp"

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
  std::string exec, http, smtp, address;
  std::string cacert, mail_from = "tlsrpt-lab@reporter.invalid", rcpt = "tlsrpt@receiver.invalid";
  bool insecure = false, allow_remote = false, oracle = false;
  std::vector<int> accept_status, reject_status;
  std::uint64_t probe_every = 0;
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

// Per-case directories live in memory when the machine offers it (/dev/shm): creating and removing
// thousands of them on a journaling file system costs more than the cases themselves.
std::string make_work_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string parent = tmp && *tmp ? tmp : access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string templ = parent + "/tlsrpt-fuzz-XXXXXX";
  if (!mkdtemp(templ.data())) throw std::runtime_error("cannot create a work directory in " + parent);
  return templ;
}

std::string run_exec(const Options& o, CampaignOptions& co, CampaignResult& result) {
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
  const auto target = ExecTarget(config).describe();
  try {
    result = run_campaign(co, [&] { return std::make_unique<ExecTarget>(config); });
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(work, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(work, ec);
  return target;
}

std::string run_network(const Options& o, CampaignOptions& co, CampaignResult& result) {
  NetworkConfig config;
  const bool http = !o.http.empty();
  config.url = http ? o.http : o.smtp;
  config.endpoint = http ? gen::transport::parse_https_url(o.http) : gen::transport::parse_smtp_address(o.smtp);
  config.endpoint.address = o.address;
  const auto& connect_to = o.address.empty() ? config.endpoint.host : o.address;
  if (!o.allow_remote && !is_loopback_host(connect_to))
    throw std::invalid_argument("'" + connect_to +
                                "' is not a loopback address: give --allow-remote to fuzz a receiver elsewhere");
  config.tls.ca_file = o.cacert;
  config.tls.insecure = o.insecure;
  config.timeout = std::chrono::milliseconds(o.timeout_ms);
  config.oracle.accept_status = {o.accept_status.begin(), o.accept_status.end()};
  config.oracle.reject_status = {o.reject_status.begin(), o.reject_status.end()};
  config.oracle.accept_regex = o.accept_regex;
  config.oracle.reject_regex = o.reject_regex;
  config.mail_from = o.mail_from;
  config.rcpt = o.rcpt;
  co.oracle = o.oracle || !config.oracle.accept_status.empty() || !config.oracle.reject_status.empty() ||
              !o.accept_regex.empty() || !o.reject_regex.empty();
  if (!http) {
    for (auto f : co.inputs.formats)
      if (f != gen::Format::eml) throw std::invalid_argument("--smtp sends report mail: use --format eml");
  }
  const auto maker = [&]() { return http ? make_http_target(config) : make_smtp_target(config); };
  const auto target = maker()->describe();
  result = run_campaign(co, maker);
  return target;
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
  if (!o.smtp.empty() && o.formats == "json") co.inputs.formats = {gen::Format::eml};
  if (!o.http.empty() && o.formats == "json") co.inputs.formats = {gen::Format::json_gz};

  const int chosen = !o.exec.empty() + !o.http.empty() + !o.smtp.empty();
  if (chosen != 1) throw std::invalid_argument("give one target: --exec 'CMD [@@]', --http URL or --smtp HOST:PORT");
  co.probe_every = o.probe_every;
  CampaignResult result;
  std::string target;
  if (!o.exec.empty()) {
    target = run_exec(o, co, result);
  } else {
    target = run_network(o, co, result);
  }
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
  sub->add_option("--http", o->http, "HTTPS receiver URL: each case is one POST (RFC 8460 §5.4) on a kept-alive connection");
  sub->add_option("--smtp", o->smtp, "SMTP receiver HOST:PORT: each case is one report mail (STARTTLS when offered)");
  sub->add_option("--address", o->address, "connect to this address; the URL's host still names the TLS server");
  sub->add_option("--cacert", o->cacert, "PEM CA bundle that verifies the receiver")->check(CLI::ExistingFile);
  sub->add_flag("--insecure", o->insecure, "do not verify the receiver's certificate");
  sub->add_flag("--allow-remote", o->allow_remote, "allow a receiver that is not on loopback");
  sub->add_option("--mail-from", o->mail_from, "SMTP envelope sender")->capture_default_str();
  sub->add_option("--rcpt", o->rcpt, "SMTP envelope recipient")->capture_default_str();
  sub->add_flag("--oracle", o->oracle, "compare the receiver's verdicts with ours (HTTP 2xx/4xx, SMTP 2xx/5xx)");
  sub->add_option("--accept-status", o->accept_status, "oracle: HTTP/SMTP statuses meaning 'accepted'")->delimiter(',');
  sub->add_option("--reject-status", o->reject_status, "oracle: HTTP/SMTP statuses meaning 'rejected'")->delimiter(',');
  sub->add_option("--probe-every", o->probe_every, "liveness probe every N cases per job (0: only after trouble)")
      ->capture_default_str();
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
  sub->add_option("--format", o->formats, "input formats: json,json.gz,eml (--http: json.gz, --smtp: eml by default)")->capture_default_str();
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
