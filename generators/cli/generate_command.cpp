#include "generators/cli/generate_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "generators/cli/profile_flags.hpp"
#include "generators/mutators/mutator.hpp"
#include "generators/output/factory.hpp"
#include "generators/output/sinks.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::gen {
namespace {

constexpr const char* kHelp = R"(Generate synthetic TLS-RPT reports.

Generation is a pure function of (profile, seed, shard index, shard count): report number k of a run
is always the same bytes, whichever machine or shard makes it. --shard i/n makes exactly the reports
with k % n == i, so the union of shards 0/n .. n-1/n equals the unsharded run, byte for byte.
Spread 100 million reports over many machines with any job runner by giving each job its shard.

Output: --out DIR writes one file per report with its RFC 8460 §5.1 name (reports beyond one per
domain and day go to DIR/round-N/), plus NAME.mutations.json when --malform is used; --out - (the
default) writes a framed stream: a "#tlsrpt-lab index=K bytes=N path=P media-type=T" line, N bytes,
and a newline, per report. --format mbox writes one mbox (to --out FILE or stdout).)";

struct Options {
  ProfileFlags profile;
  DkimFlags dkim;
  std::string format = "json.gz";
  std::string out = "-";
  std::string shard = "0/1";
  std::string malform;
  std::string to;
  std::string gzip_level = "auto";
  bool list_personalities = false;
  bool list_mutators = false;
};

void print_personalities() {
  fmt::print("{:<15} {:<7} {}\n", "personality", "check", "reproduces / breaks");
  for (const auto& p : personalities()) {
    fmt::print("{:<15} {:<7} {}\n", p.name, p.strict_valid ? "strict" : "lenient", p.summary);
    if (!p.breaks.empty()) fmt::print("{:<15} {:<7} breaks: {}\n", "", "", p.breaks);
  }
}

void print_mutators() {
  fmt::print("{:<32} {:<5} {}\n", "mutator", "layer", "description  [expected verdict]");
  for (const auto& m : mut::mutators())
    fmt::print("{:<32} {:<5} {}  [{}]\n", m.name, mut::to_string(m.layer), m.summary, m.expect);
}

std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      const auto i = std::stoull(text.substr(0, slash));
      const auto n = std::stoull(text.substr(slash + 1));
      if (n >= 1 && i < n) return {i, n};
    }
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("--shard wants i/n with 0 <= i < n, not '" + text + "'");
}

int run(const Options& o) {
  if (o.list_personalities || o.list_mutators) {
    if (o.list_personalities) print_personalities();
    if (o.list_mutators) print_mutators();
    return cli::exit_ok;
  }
  try {
    auto profile = o.profile.build();
    const auto [shard, shards] = parse_shard(o.shard);
    FactoryOptions fo;
    fo.format = format_from(o.format);
    fo.chain = mut::parse_chain(o.malform);
    fo.gzip_level = o.gzip_level == "auto" ? kGzipLevelAuto : std::stoi(o.gzip_level);
    fo.rua_to = o.to;
    auto signer = make_signer(fo.format, o.dkim, profile);
    fo.signer = signer.get();
    ReportFactory factory(std::move(profile), fo);
    const auto seed = factory.profile().seed;

    std::ofstream file;
    std::unique_ptr<ArtifactSink> sink;
    if (fo.format == Format::mbox) {
      if (o.out != "-") file.open(o.out, std::ios::binary | std::ios::trunc);
      if (o.out != "-" && !file) throw std::runtime_error("cannot write " + o.out);
      sink = mbox_sink(o.out == "-" ? std::cout : file);
    } else if (o.out == "-") {
      sink = stream_sink(std::cout, seed);
    } else {
      sink = directory_sink(o.out, seed);
    }
    std::uint64_t written = 0;
    for (std::uint64_t k = shard; k < factory.profile().count; k += shards) {
      sink->write(factory.make(k));
      ++written;
    }
    std::cout.flush();
    std::cerr << fmt::format("generate: {} reports (shard {}/{}, seed {}, format {})\n", written, shard, shards,
                             seed, o.format);
    return cli::exit_ok;
  } catch (const std::exception& e) {
    std::cerr << "generate: " << e.what() << '\n';
    return cli::exit_harness;
  }
}

}  // namespace

cli::Subcommand register_generate_command(CLI::App& app) {
  auto* sub = app.add_subcommand("generate", "Generate synthetic (or malformed) TLS-RPT reports, seeded and shardable");
  sub->footer(kHelp);
  auto o = std::make_shared<Options>();
  add_profile_flags(*sub, o->profile);
  add_dkim_flags(*sub, o->dkim);
  sub->add_option("--format", o->format, "json | json.gz | eml | mbox")->capture_default_str();
  sub->add_option("--out", o->out, "output directory (or mbox file); - for a framed stream on stdout")->capture_default_str();
  sub->add_option("--shard", o->shard, "i/n: make only reports k with k % n == i")->capture_default_str();
  sub->add_option("--malform", o->malform, "mutator chain NAME[=ARG][,NAME...] (see --list-mutators)");
  sub->add_option("--to", o->to, "To: address of .eml/mbox output (default tlsrpt@<policy domain>)");
  sub->add_option("--gzip-level", o->gzip_level,
                  "gzip level 0..12, or auto: 1 below 16 KiB of JSON (~4 % larger, ~1.5x as fast), 6 above")
      ->check(CLI::IsMember({"auto", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}))
      ->capture_default_str();
  sub->add_flag("--list-personalities", o->list_personalities, "print the reporter personalities and exit");
  sub->add_flag("--list-mutators", o->list_mutators, "print the mutator catalogue and exit");
  return cli::Subcommand{sub, [o] { return run(*o); }};
}

}  // namespace tlsrpt::gen
