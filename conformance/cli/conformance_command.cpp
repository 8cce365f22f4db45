#include "conformance/cli/conformance_command.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <random>

#include "conformance/cli/reference.hpp"
#include "conformance/output/outputs.hpp"
#include "conformance/payload/dkim_identity.hpp"
#include "conformance/run/runner.hpp"

namespace tlsrpt::conformance {
namespace {

namespace tr = gen::transport;

struct Options {
  std::string https, smtp, drop, cacert, rcpt = "tlsrpt@reports.conformance.example";
  bool insecure = false, allow_remote = false, drop_mail = false;
  std::string oracle_url, oracle_cmd, expect, junit, json, out, dkim_key;
  std::vector<std::string> cases;
  std::optional<std::uint64_t> seed;
  double timeout = 30, settle = 0;
  bool print_dkim = false, list = false, reference = false;
};

bool loopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1" || host == "[::1]";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

void list_cases() {
  for (const auto& c : catalogue())
    std::cout << std::left << to_string(c.tier) << '\t' << c.id << '\t' << to_string(c.send.channel) << '\t' << c.sends
              << '\n';
}

int run(const Options& o) {
  if (o.reference) {
    std::cout << reference_markdown();
    return cli::exit_ok;
  }
  if (o.list) {
    list_cases();
    return cli::exit_ok;
  }
  try {
    const gen::DkimKey key = suite_dkim_key(o.dkim_key);
    if (o.print_dkim) {
      std::cout << dkim_zone_lines(key);
      return cli::exit_ok;
    }
    if (o.https.empty() && o.smtp.empty() && o.drop.empty()) {
      std::cerr << "conformance: give a target: --https URL, --smtp HOST:PORT and/or --drop DIR\n";
      return cli::exit_harness;
    }
    TargetConfig config;
    config.tls = tr::TlsOptions{o.cacert, o.insecure};
    config.timeout = std::chrono::milliseconds(static_cast<long>(o.timeout * 1000));
    config.rcpt = o.rcpt;
    if (!o.https.empty()) config.https = tr::parse_https_url(o.https);
    if (!o.smtp.empty()) config.smtp = tr::parse_smtp_address(o.smtp);
    if (!o.drop.empty()) {
      if (!std::filesystem::is_directory(o.drop)) throw std::invalid_argument("--drop " + o.drop + " is not a directory");
      config.drop = o.drop;
      config.drop_mail = o.drop_mail;
    }
    std::unique_ptr<Oracle> oracle;
    if (!o.oracle_url.empty() && !o.oracle_cmd.empty())
      throw std::invalid_argument("give --oracle-url or --oracle-cmd, not both");
    if (!o.oracle_url.empty()) oracle = url_oracle(o.oracle_url, config.tls, config.timeout);
    if (!o.oracle_cmd.empty()) oracle = command_oracle(o.oracle_cmd, config.timeout);
    for (const auto* endpoint : {&config.https, &config.smtp})
      if (*endpoint && !loopback((*endpoint)->host) && !o.allow_remote)
        throw std::invalid_argument((*endpoint)->host + " is not a loopback address; add --allow-remote to test it");
    const ExpectFile expect = o.expect.empty() ? ExpectFile{} : load_expect_file(o.expect);

    RunOptions options;
    options.seed = o.seed ? *o.seed : std::random_device{}();
    options.dkim = &key;
    options.rcpt = o.rcpt;
    options.only = o.cases;
    options.settle = std::chrono::milliseconds(static_cast<long>(o.settle * 1000));

    Targets targets(config);
    RunInfo info{options.seed, targets.describe(), oracle ? oracle->describe() : ""};
    std::cout << "conformance: target " << info.target << ", seed " << info.seed << '\n';
    const Liveness up = targets.probe();
    if (!up.alive) {
      std::cerr << "conformance: the target does not answer before the first case: " << up.detail << '\n';
      return cli::exit_harness;
    }
    if (oracle) oracle->fetch({"conformance-probe"});  // unreachable or malformed: a harness error before any case runs

    const RunSummary summary = run_suite(targets, oracle.get(), expect, options, [](const CaseResult& r) {
      std::cerr << "  " << to_string(r.outcome) << ' ' << r.c->id << " (" << r.elapsed.count() << " ms)\n";
    });
    print_table(std::cout, summary, info);
    if (!o.junit.empty()) write_file(o.junit, to_junit(summary, info));
    if (!o.json.empty()) write_file(o.json, to_json(summary, info));
    if (!o.out.empty()) write_transcripts(o.out, summary, info);
    return exit_code(summary);
  } catch (const std::exception& e) {
    std::cerr << "conformance: " << e.what() << '\n';
    return cli::exit_harness;
  }
}

}  // namespace

cli::Subcommand register_command(CLI::App& app) {
  auto* sub = app.add_subcommand("conformance", "Run the RFC 8460 conformance cases against a TLS-RPT receiver");
  sub->footer("Exit: 0 all cases pass (or fail as --expect says), 1 a case failed or an expected failure passed,\n"
              "2 bad usage or harness error. See docs/conformance.md for the oracle format and the expect file.");
  auto o = std::make_shared<Options>();
  sub->add_option("--https", o->https, "POST reports to this https:// URL");
  sub->add_option("--smtp", o->smtp, "deliver report mail to HOST:PORT (STARTTLS when offered)");
  sub->add_option("--drop", o->drop, "write reports into this directory (a maildir takes the mail cases)");
  sub->add_flag("--drop-mail", o->drop_mail, "the --drop directory takes the mail cases as .eml files");
  sub->add_option("--cacert", o->cacert, "PEM CA bundle that verifies the receiver")->check(CLI::ExistingFile);
  sub->add_flag("--insecure", o->insecure, "do not verify the receiver's certificate");
  sub->add_flag("--allow-remote", o->allow_remote, "allow targets that are not loopback addresses");
  sub->add_option("--rcpt", o->rcpt, "SMTP RCPT TO address")->capture_default_str();
  sub->add_option("--oracle-url", o->oracle_url, "GET this URL for what the receiver holds (docs/conformance.md)");
  sub->add_option("--oracle-cmd", o->oracle_cmd, "run this command for what the receiver holds (its stdout, same JSON)");
  sub->add_option("--expect", o->expect, "expected-failure file (YAML)")->check(CLI::ExistingFile);
  sub->add_option("--junit", o->junit, "write JUnit XML here");
  sub->add_option("--json", o->json, "write the result as JSON (sorted keys) here");
  sub->add_option("--out", o->out, "write one transcript per case into this directory");
  sub->add_option("--case", o->cases, "run only cases matching this id or pattern (repeatable)");
  sub->add_option("--seed", o->seed, "seed of the generated reports (default: random, printed)");
  sub->add_option("--timeout", o->timeout, "deadline of every network operation, seconds")->capture_default_str();
  sub->add_option("--settle", o->settle, "seconds to let the oracle catch up after each case")->capture_default_str();
  sub->add_option("--dkim-key", o->dkim_key, "the suite's DKIM private key (PEM; created 0600 if absent)");
  sub->add_flag("--print-dkim-record", o->print_dkim, "print the DKIM TXT records the receiver must trust, and exit");
  sub->add_flag("--list", o->list, "list the cases and exit");
  sub->add_flag("--reference", o->reference, "print docs/conformance.md (generated from the case table) and exit");
  return cli::Subcommand{sub, [o] { return run(*o); }};
}

}  // namespace tlsrpt::conformance
