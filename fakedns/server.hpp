// The fake authoritative DNS server, for use in-process (the scenario runner) or alone
// (`tlsrpt-lab dns`). Typical use:
//
//   tlsrpt::fakedns::ServerOptions options;
//   options.address = "127.0.0.53";               // port 0 (the default): the kernel picks one
//   tlsrpt::fakedns::Server dns(options);
//   tlsrpt::fakedns::Zone zone("example.test");
//   zone.add_default_soa_ns().add_record("@", "MX", 300, "10 mx1.example.test.")
//       .add_record("mx1", "A", 300, "127.0.0.25");
//   dns.add_zone(zone, tlsrpt::fakedns::parse_dnssec_mode("signed", clock.now()));
//   dns.start();                                  // UDP + TCP on 127.0.0.53:<dns.port()>
//   auto anchor = dns.trust_anchor("example.test.");  // DS/DNSKEY for validators
//   dns.set_rrset("example.test.", "MX", 300, {"10 mx2.example.test."});  // live, re-signed
//   tlsrpt::fakedns::FaultSpec fault;
//   fault.kind = "servfail"; fault.name = "mx1.example.test."; fault.count = 3;
//   dns.add_fault(fault);                         // the next 3 queries for that name fail
//   dns.stop();                                   // also done by the destructor
//
// Every method is thread-safe. Changes are visible to the next query after the call returns.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fakedns/dnssec.hpp"
#include "fakedns/fault_spec.hpp"
#include "fakedns/zone.hpp"

namespace tlsrpt::fakedns {

struct QueryLogEntry {
  std::int64_t unix_ms = 0;  // wall clock when the query arrived
  std::string name;          // lower case, absolute ("mx1.example.test.")
  std::string type;          // "A", "TLSA", "TYPE65280"
  std::string transport;     // "udp" | "tcp"
  std::string rcode;         // "NOERROR", "NXDOMAIN", ... ("-" when nothing was sent)
  bool truncated = false;
  std::string faults;        // faults that fired, comma-separated
};

struct ServerOptions {
  std::string address = "127.0.0.1";  // any loopback address
  std::uint16_t port = 0;              // 0: the kernel picks one; read it back with port()
  unsigned udp_threads = 2;            // UDP sockets (SO_REUSEPORT), one thread each
  std::size_t max_tcp_connections = 512;  // more are accepted and closed at once
  std::chrono::milliseconds tcp_idle_timeout{10000};  // per read of a length prefix
  std::chrono::milliseconds tcp_message_timeout{5000};  // per message body once the prefix is in
  std::uint64_t seed = 1;              // for probabilistic faults
  std::size_t query_log_capacity = 4096;  // most recent queries kept (per UDP thread and for TCP)
  // Called for every query on a server thread (keep it short); e.g. the CLI's log.
  std::function<void(const QueryLogEntry&)> on_query;
};

class Server {
 public:
  explicit Server(ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Adds (or replaces) a zone, signing it as asked. Works before and after start().
  // Throws std::invalid_argument on a bad zone or DNSSEC option.
  void add_zone(const Zone& zone, const DnssecOptions& dnssec = {});
  void remove_zone(const std::string& origin);
  std::vector<std::string> zones() const;
  Zone zone(const std::string& origin) const;  // a copy of the zone's current records

  // Binds UDP and TCP; throws std::runtime_error when the address cannot be bound.
  void start();
  void stop();
  const std::string& address() const;
  std::uint16_t port() const;  // the bound port (valid after start())

  // The trust anchor of a signed zone (empty for an unsigned one); throws for an unknown zone.
  TrustAnchor trust_anchor(const std::string& origin) const;
  // Writes the DS records of every signed zone, one per line (unbound's trust-anchor-file and
  // drill -k read it); the file is created 0600.
  void write_trust_anchor_file(const std::filesystem::path& file) const;

  // Live changes: the zone is found by the name (the longest zone origin containing it); each
  // change rebuilds and re-signs that zone and swaps it in. Throw std::invalid_argument on bad input.
  void add_record(const Record& record);
  void set_rrset(const std::string& name, const std::string& type, std::uint32_t ttl,
                 const std::vector<std::string>& rdatas);
  std::size_t remove_rrset(const std::string& name, const std::string& type);
  // Re-signs a zone with new options (e.g. the virtual clock moved, or a breakage starts).
  void set_dnssec(const std::string& origin, const DnssecOptions& dnssec);

  void add_fault(const FaultSpec& fault);
  void clear_faults();
  std::vector<FaultSpec> faults() const;

  // The most recent queries, oldest first; only those for `name` when it is not empty.
  std::vector<QueryLogEntry> query_log(const std::string& name = {}) const;
  void clear_query_log();

  // Starts the HTTP control endpoint (see control/http_control.hpp for its verbs) on its own
  // address and port (0: any); returns the bound port.
  std::uint16_t start_control(const std::string& address, std::uint16_t port = 0);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::fakedns
