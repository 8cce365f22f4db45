#include "fakedns/cli/dns_command.hpp"

#include <CLI/CLI.hpp>
#include <signal.h>

#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fakedns/cli/fault_text.hpp"
#include "fakedns/server.hpp"

namespace tlsrpt::fakedns {
namespace {

struct DnsArgs {
  std::vector<std::string> zone_files;
  std::vector<std::string> origins;
  bool example = false;
  std::string listen = "127.0.0.53:5353";
  std::string dnssec = "unsigned";
  std::string anchor_out;
  std::string control;
  std::vector<std::string> faults;
  unsigned threads = 2;
  std::uint64_t seed = 1;
  std::int64_t now = 0;
  bool quiet = false;
};

std::pair<std::string, std::uint16_t> split_host_port(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("expected ADDRESS:PORT, got '" + text + "'");
  const int port = std::stoi(text.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::invalid_argument("port out of range in '" + text + "'");
  return {text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

// A small zone with everything a TLS-RPT scenario needs, for trying the server by hand.
Zone example_zone() {
  Zone z("example.test");
  z.add_default_soa_ns()
      .add_record("ns1", "A", 300, "127.0.0.53")
      .add_record("@", "MX", 300, "10 mx1.example.test.")
      .add_record("mx1", "A", 300, "127.0.0.25")
      .add_record("mx1", "AAAA", 300, "::1")
      .add_record("_mta-sts", "TXT", 300, "\"v=STSv1; id=20260301T000000;\"")
      .add_record("_smtp._tls", "TXT", 300, "\"v=TLSRPTv1; \" \"rua=mailto:tlsrpt@example.test\"")
      .add_record("mta-sts", "CNAME", 300, "mx1.example.test.")
      .add_record("_25._tcp.mx1", "TLSA", 300,
                  "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  return z;
}

int run(const DnsArgs& args) {
  if (args.zone_files.size() != args.origins.size())
    throw std::invalid_argument("give one --origin per --zone");
  if (args.zone_files.empty() && !args.example)
    throw std::invalid_argument("nothing to serve: give --zone FILE --origin NAME, or --example");
  const auto [address, port] = split_host_port(args.listen);
  const std::int64_t now = args.now ? args.now : static_cast<std::int64_t>(std::time(nullptr));
  const DnssecOptions dnssec = parse_dnssec_mode(args.dnssec, now);

  std::vector<FaultSpec> faults;
  for (const auto& f : args.faults) faults.push_back(parse_fault_text(f));

  // Signals are taken with sigwait below; block them before any server thread exists.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto print_mutex = std::make_shared<std::mutex>();
  ServerOptions options;
  options.address = address;
  options.port = port;
  options.udp_threads = args.threads;
  options.seed = args.seed;
  if (!args.quiet)
    options.on_query = [print_mutex](const QueryLogEntry& e) {
      std::lock_guard lock(*print_mutex);
      std::cout << "query " << e.transport << ' ' << e.name << ' ' << e.type << ' ' << e.rcode
                << (e.truncated ? " TC" : "") << (e.faults.empty() ? "" : " fault=" + e.faults) << '\n'
                << std::flush;
    };
  Server server(options);
  for (std::size_t i = 0; i < args.zone_files.size(); ++i)
    server.add_zone(load_zone_file(args.zone_files[i], args.origins[i]), dnssec);
  if (args.example) server.add_zone(example_zone(), dnssec);
  for (const auto& f : faults) server.add_fault(f);
  server.start();

  {
    std::lock_guard lock(*print_mutex);
    std::cout << "listening udp+tcp " << server.address() << ':' << server.port() << '\n';
    for (const auto& zone : server.zones()) {
      const TrustAnchor anchor = server.trust_anchor(zone);
      std::cout << "zone " << zone << (anchor.empty() ? " unsigned" : " signed") << " (" << args.dnssec << ")\n";
      if (!anchor.empty()) std::cout << "anchor " << anchor.ds << '\n' << "anchor " << anchor.dnskey << '\n';
    }
    if (!args.anchor_out.empty()) {
      server.write_trust_anchor_file(args.anchor_out);
      std::cout << "anchor file " << args.anchor_out << '\n';
    }
    if (!args.control.empty()) {
      const auto [caddr, cport] = split_host_port(args.control);
      std::cout << "control http://" << caddr << ':' << server.start_control(caddr, cport) << "/\n";
    }
    std::cout << "ready\n" << std::flush;
  }

  int sig = 0;
  sigwait(&signals, &sig);
  server.stop();
  std::lock_guard lock(*print_mutex);
  std::cout << "stopped on " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << '\n' << std::flush;
  return cli::exit_ok;
}

}  // namespace

cli::Subcommand register_command(CLI::App& app) {
  auto* sub = app.add_subcommand("dns", "Run the fake authoritative DNS server (UDP + TCP, DNSSEC, faults)");
  auto args = std::make_shared<DnsArgs>();
  sub->add_option("--zone", args->zone_files, "zone file (RFC 1035 format); repeat for several zones");
  sub->add_option("--origin", args->origins, "origin of each --zone, in the same order");
  sub->add_flag("--example", args->example, "also serve a sample zone example.test.");
  sub->add_option("--listen", args->listen, "ADDRESS:PORT on loopback (port 0: any)")->capture_default_str();
  sub->add_option("--dnssec", args->dnssec,
                  "unsigned | signed | bogus-<breakage>[:NAME/TYPE] (breakages: bad-signature, expired-signatures, "
                  "not-yet-valid-signatures, missing-rrsig, ds-mismatch, unsigned)")
      ->capture_default_str();
  sub->add_option("--anchor-out", args->anchor_out, "write the DS trust anchors to this file (0600)");
  sub->add_option("--control", args->control, "ADDRESS:PORT for the HTTP control endpoint");
  sub->add_option("--fault", args->faults,
                  "\"KIND [name=N] [type=T] [count=N] [p=P] [delay=MS]\"; KIND: servfail refused drop truncate "
                  "wrong-id delay nxdomain");
  sub->add_option("--threads", args->threads, "UDP threads")->capture_default_str();
  sub->add_option("--seed", args->seed, "seed for probabilistic faults")->capture_default_str();
  sub->add_option("--now", args->now, "sign relative to this Unix time (default: now)");
  sub->add_flag("--quiet", args->quiet, "do not log queries");
  return {sub, [args] {
            try {
              return run(*args);
            } catch (const std::invalid_argument& e) {
              std::cerr << "dns: " << e.what() << '\n';
              return static_cast<int>(cli::exit_harness);
            }
          }};
}

}  // namespace tlsrpt::fakedns
