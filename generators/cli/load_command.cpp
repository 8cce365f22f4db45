#include "generators/cli/load_command.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "generators/cli/profile_flags.hpp"
#include "generators/load/load_runner.hpp"
#include "generators/mutators/mutator.hpp"

namespace tlsrpt::gen {
namespace {

constexpr const char* kHelp = R"(Targets: https://HOST[:PORT]/PATH (POST, HTTP/1.1 keep-alive; --cacert or --insecure),
smtp://HOST[:PORT] (STARTTLS required, one session per connection), dir:PATH (.json.gz files),
maildir:PATH (.eml into new/). Loopback hosts only unless --allow-remote. To reach a receiver by
name at a loopback address (its certificate names the host): TARGET https://NAME:PORT/... --address 127.x.y.z.
Bounded: --count (default 1000) and --duration; whichever comes first ends the run.
Exit: 0 every report accepted, 1 some rejected or failed, 2 bad usage or harness error.
The ledger (--ledger FILE) has one JSON line per report: seq, index, report-id, path, accepted,
status, latency_ms, response, error. The summary (stdout, or --summary FILE) is one JSON object.)";

struct Options {
  ProfileFlags profile;
  DkimFlags dkim;
  load::LoadOptions load;
  std::string summary;
  std::string malform;
};

int run(Options& o) {
  try {
    if (!o.profile.count) o.profile.count = o.load.count;
    auto profile = o.profile.build();
    if (o.profile.count) o.load.count = *o.profile.count;
    const bool mail = o.load.target.starts_with("smtp://") || o.load.target.starts_with("maildir:");
    auto signer = make_signer(mail ? Format::eml : Format::json_gz, o.dkim, profile);
    o.load.signer = signer.get();
    const auto result = load::run_load(o.load, profile, mut::parse_chain(o.malform));
    if (o.summary.empty()) {
      std::cout << result.summary_json;
    } else {
      std::ofstream(o.summary) << result.summary_json;
    }
    std::cerr << "load: " << load::live_line(result.stats, result.elapsed_seconds) << '\n';
    const bool all_ok = result.stats.rejected == 0 && result.stats.errors == 0;
    return all_ok ? cli::exit_ok : cli::exit_failed;
  } catch (const std::exception& e) {
    std::cerr << "load: " << e.what() << '\n';
    return cli::exit_harness;
  }
}

}  // namespace

cli::Subcommand register_load_command(CLI::App& app) {
  auto* sub = app.add_subcommand("load", "Drive generated or given reports into a receiver and reconcile");
  sub->footer(kHelp);
  auto o = std::make_shared<Options>();
  o->load.live = ::isatty(2) != 0;
  sub->add_option("target", o->load.target, "https://…, smtp://…, dir:PATH or maildir:PATH")->required();
  add_profile_flags(*sub, o->profile);
  add_dkim_flags(*sub, o->dkim);
  sub->add_option("--files", o->load.files, "send these report files (cycled) instead of generated ones");
  sub->add_option("--rate", o->load.rate, "reports per second (0 = as fast as possible)")->capture_default_str();
  sub->add_option("--concurrency", o->load.concurrency, "connections in flight")->capture_default_str();
  sub->add_option("--threads", o->load.threads, "event-loop threads")->capture_default_str();
  sub->add_option("--duration", o->load.duration_seconds, "stop after this many seconds (0 = no limit)");
  sub->add_option("--timeout", o->load.timeout_seconds, "deadline per network operation, seconds")->capture_default_str();
  sub->add_option("--address", o->load.address,
                  "connect to this address instead of resolving the target's host, which still names the TLS "
                  "server (SNI, certificate check) and the Host header");
  sub->add_option("--cacert", o->load.cacert, "PEM CA bundle to verify the receiver")->check(CLI::ExistingFile);
  sub->add_flag("--insecure", o->load.insecure, "do not verify the receiver's certificate");
  sub->add_flag("--allow-remote", o->load.allow_remote, "allow a target that is not loopback (prints a warning)");
  sub->add_option("--ledger", o->load.ledger, "write a JSON-lines ledger of every report sent");
  sub->add_option("--summary", o->summary, "write the JSON summary here instead of stdout");
  sub->add_flag("--live,!--no-live", o->load.live, "statistics line on stderr every second (default: if a terminal)");
  sub->add_option("--malform", o->malform, "mutator chain applied to every generated report");
  return cli::Subcommand{sub, [o] { return run(*o); }};
}

}  // namespace tlsrpt::gen
