#include "fakemx/mx_command.hpp"

#include <CLI/CLI.hpp>
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "fakemx/attacker/attacker.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/sink/sink_flags.hpp"
#include "fakemx/smtp/faults/fault.hpp"
#include "fakemx/smtp/host_spec.hpp"
#include "fakemx/smtp/mx_server.hpp"

namespace tlsrpt::fakemx {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> hosts;
  std::vector<std::string> attackers;
  std::string dir;
  std::string transcripts;
  sink::SinkFlags sink;  // mail to every host goes into the report sink
  std::uint64_t seed = 1;
  unsigned threads = 2;
  double duration = 0;
  std::size_t max_connections = 512;
  double io_timeout = 30;
  bool list = false;
};

fs::path make_run_dir(const std::string& requested) {
  if (!requested.empty()) {
    fs::create_directories(requested);
    return requested;
  }
  std::string tmpl = (fs::temp_directory_path() / "tlsrpt-lab-mx-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory");
  return tmpl;
}

void print_catalogue() {
  std::cout << "certificate profiles (profile=):";
  for (auto p : pki::all_profiles())
    if (p != pki::Profile::expiring_at) std::cout << ' ' << pki::profile_name(p);
  std::cout << " none\nfaults (fault=):\n";
  for (const auto* f : smtp::all_faults()) std::cout << "  " << f->name() << "  " << f->description() << '\n';
  std::cout << "attacker modes (mode=):";
  for (const auto& m : attacker::mode_names()) std::cout << ' ' << m;
  std::cout << '\n';
}

// Blocks until SIGINT or SIGTERM (which the caller has blocked in every thread), or the duration.
int wait_for_signal(double duration_seconds) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(duration_seconds);
  while (true) {
    timespec wait{1, 0};
    const int sig = sigtimedwait(&set, nullptr, &wait);
    if (sig == SIGINT || sig == SIGTERM) return sig;
    if (duration_seconds > 0 && std::chrono::steady_clock::now() >= deadline) return 0;
  }
}

int run(const Options& o) {
  if (o.list) {
    print_catalogue();
    return cli::exit_ok;
  }
  std::vector<smtp::HostSpec> hosts;
  std::vector<smtp::AttackerSpec> attackers;
  try {
    for (const auto& h : o.hosts) hosts.push_back(smtp::parse_host_spec(h));
    for (const auto& a : o.attackers) attackers.push_back(smtp::parse_attacker_spec(a));
  } catch (const std::invalid_argument& e) {
    std::cerr << "mx: " << e.what() << '\n';
    return cli::exit_harness;
  }
  if (hosts.empty()) {
    std::cerr << "mx: give at least one --host NAME=127.x.y.z[:PORT][,profile=...] (see --list)\n";
    return cli::exit_harness;
  }

  // Signals are taken synchronously by this thread; every server thread inherits the block.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  const fs::path dir = make_run_dir(o.dir);
  const UnixSeconds now = static_cast<UnixSeconds>(std::time(nullptr));
  const auto authority = pki::Authority::create(now);
  authority.write_trust_anchor(dir / "ca.pem");
  std::optional<fs::path> transcripts;
  if (!o.transcripts.empty()) {
    fs::create_directories(o.transcripts);
    transcripts = fs::path(o.transcripts);
  }

  // Declared before the MX server, so it outlives every session that may call its hook.
  std::unique_ptr<sink::Sink> report_sink;
  try {
    report_sink = sink::start_sink(o.sink, authority, now, std::cout);
  } catch (const std::invalid_argument& e) {
    std::cerr << "mx: " << e.what() << '\n';
    return cli::exit_harness;
  }

  smtp::MxServer server(o.threads);
  std::vector<smtp::MxHost> running;
  for (const auto& h : hosts) {
    smtp::MxHostConfig config;
    config.hostname = h.hostname;
    config.address = h.address;
    config.port = h.port;
    config.seed = o.seed;
    config.transcript_dir = transcripts;
    config.max_connections = o.max_connections;
    config.io_timeout = std::chrono::milliseconds(static_cast<long>(o.io_timeout * 1000));
    auto host = server.add_host(config);
    if (h.tls) {
      pki::LeafRequest request;
      request.host = h.hostname;
      request.profile = h.profile;
      request.key = h.key;
      request.now = now;
      auto credential = std::make_shared<const pki::Credential>(authority.mint(request));
      credential->write(dir, h.hostname);
      host.set_credential(credential);
    }
    if (report_sink) host.set_message_hook(report_sink->message_hook());
    for (const auto& f : h.faults) host.arm_fault(f, h.trigger);
    for (const auto profile : h.alt_profiles) {
      pki::LeafRequest request;
      request.host = h.hostname;
      request.profile = profile;
      request.key = h.key;
      request.now = now;
      host.arm_credential(std::make_shared<const pki::Credential>(authority.mint(request)), h.trigger);
    }
    std::cout << "mx " << h.hostname << " smtp://" << host.address() << ':' << host.port()
              << " profile=" << (h.tls ? pki::profile_name(h.profile) : "none");
    for (const auto& f : h.faults) std::cout << " fault=" << f;
    for (const auto p : h.alt_profiles) std::cout << " alt-profile=" << pki::profile_name(p);
    std::cout << '\n';
    running.push_back(host);
  }

  std::vector<std::unique_ptr<attacker::Attacker>> evil;
  for (const auto& a : attackers) {
    const auto target = std::find_if(running.begin(), running.end(),
                                     [&](const smtp::MxHost& h) { return h.hostname() == a.target_host; });
    if (target == running.end()) {
      std::cerr << "mx: --attacker names no --host: '" << a.target_host << "'\n";
      return cli::exit_harness;
    }
    attacker::AttackerConfig config;
    config.listen_address = a.address;
    config.listen_port = a.port;
    config.upstream_address = target->address();
    config.upstream_port = target->port();
    config.mode = a.mode;
    evil.push_back(std::make_unique<attacker::Attacker>(config));
    std::cout << "attacker " << a.target_host << " smtp://" << evil.back()->address() << ':' << evil.back()->port()
              << " mode=" << attacker::mode_name(a.mode) << '\n';
  }
  std::cout << "ca-file " << (dir / "ca.pem").string() << '\n';
  std::cout << "seed " << o.seed << '\n';
  std::cout << "ready" << std::endl;

  const int sig = wait_for_signal(o.duration);
  std::cerr << "mx: " << (sig ? (sig == SIGINT ? "SIGINT" : "SIGTERM") : "duration reached") << ", stopping\n";
  evil.clear();
  server.stop();
  if (report_sink) report_sink->stop();
  for (const auto& h : running) {
    const auto s = h.stats();
    std::cout << "stats " << h.hostname() << " sessions=" << s.sessions << " tls=" << s.tls_handshakes
              << " tls_failures=" << s.tls_failures << " messages=" << s.messages << " refused=" << s.refused
              << " faults=" << s.faults_fired << '\n';
  }
  return cli::exit_ok;
}

}  // namespace

cli::Subcommand register_mx_command(CLI::App& app) {
  auto* sub = app.add_subcommand("mx", "Run fake MX hosts (SMTP + STARTTLS with broken TLS) and on-path attackers");
  auto o = std::make_shared<Options>();
  sub->add_option("--host", o->hosts,
                  "NAME=127.x.y.z[:PORT][,profile=P][,key=ecdsa|rsa|rsa1024][,fault=F][,alt-profile=P]"
                  "[,fault-count=N][,fault-probability=P] (repeatable)");
  sub->add_option("--attacker", o->attackers, "HOSTNAME=127.x.y.z[:PORT][,mode=strip-starttls|...] (repeatable)");
  sub->add_option("--dir", o->dir, "where to write ca.pem and the host certificates (default: a new temp dir)");
  sub->add_option("--transcripts", o->transcripts, "write one transcript per SMTP session into this directory");
  sink::add_sink_flags(*sub, o->sink);
  sub->add_option("--seed", o->seed, "seed for probability-triggered faults")->capture_default_str();
  sub->add_option("--threads", o->threads, "I/O threads")->capture_default_str()->check(CLI::Range(1u, 64u));
  sub->add_option("--max-connections", o->max_connections, "per host; beyond it new sessions get 421")
      ->capture_default_str();
  sub->add_option("--io-timeout", o->io_timeout, "seconds allowed for each read, write and handshake")
      ->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--duration", o->duration, "stop after this many seconds (default: run until SIGINT/SIGTERM)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--list", o->list, "list certificate profiles, faults and attacker modes");
  return {sub, [o] { return run(*o); }};
}

}  // namespace tlsrpt::fakemx
