// The sender's own stub resolver with DNSSEC validation (RFC 4033-4035 as RFC 7672 §2.1 needs it).
// It asks only the one DNS server it is given (UDP, TCP when the reply is truncated, a timeout and
// retries), validates signatures itself from configured trust anchors at the virtual time, and
// caches answers by TTL on the virtual clock. It never trusts the server's AD bit.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/virtual_clock.hpp"

namespace tlsrpt::sim {

enum class DnssecStatus { secure, insecure, bogus };
std::string_view to_string(DnssecStatus s);

enum class DnsOutcome { answer, nodata, nxdomain, error };  // error: timeout, SERVFAIL, malformed...
std::string_view to_string(DnsOutcome o);

struct DnsAnswer {
  DnsOutcome outcome = DnsOutcome::error;
  DnssecStatus security = DnssecStatus::insecure;
  std::vector<std::string> rdatas;                 // presentation form of each RR of the asked type
  std::vector<std::vector<std::string>> txt;       // TXT only: each RR's character-strings
  std::string canonical_name;  // owner of the answer RRs after any CNAME chain (lower case, no dot)
  std::uint32_t ttl = 0;
  std::string reason;    // why bogus, or what the error was ("timeout", "SERVFAIL")
  bool from_cache = false;
  bool ok() const { return outcome != DnsOutcome::error && security != DnssecStatus::bogus; }
};

struct ResolverOptions {
  std::string server = "127.0.0.1";      // the only server ever asked
  std::uint16_t port = 53;
  std::string source_address;            // local address to send from ("" = any)
  std::chrono::milliseconds timeout{2000};  // per attempt
  int attempts = 3;
  // Trust anchors: DS or DNSKEY RRs in presentation form ("example.test. 3600 IN DS 1 13 2 AB...").
  // A name under no anchor is insecure.
  std::vector<std::string> trust_anchors;
  bool cache = true;
};

class Resolver {
 public:
  explicit Resolver(ResolverOptions options);  // throws std::invalid_argument on a bad anchor or address
  ~Resolver();
  Resolver(Resolver&&) noexcept;
  Resolver& operator=(Resolver&&) noexcept;

  // type: "A", "AAAA", "MX", "TXT", "TLSA", "CNAME"... `now` is the virtual time for signature
  // validity and the cache.
  DnsAnswer query(std::string_view name, std::string_view type, UnixSeconds now);
  void clear_cache();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct MxHost {
  std::uint16_t preference = 0;
  std::string host;  // lower case, without the trailing dot
};
// MX rdatas ("10 mx1.example.test.") in preference order (stable for equal preference).
std::vector<MxHost> parse_mx(const std::vector<std::string>& rdatas);

}  // namespace tlsrpt::sim
