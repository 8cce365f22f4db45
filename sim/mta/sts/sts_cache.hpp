// MTA-STS discovery and the policy cache (RFC 8461 §3.1, §3.3, §5.1): the _mta-sts TXT record
// and its selection, a fetch when the id is new, caching by Policy Domain for max_age on the
// virtual clock, and the cached policy kept when the record vanishes or a refresh fails.
//
// Sessions of one sender look policies up concurrently, not in virtual-time order, so what a
// lookup sees must not depend on which session came first: a failed fetch is remembered for its
// quarter-hour slot of the virtual clock and every session in that slot meets (and reports) the
// same failure; a cached policy counts from the earliest virtual time it was fetched at, and a
// session older than that fetch does not use it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/records/sts_policy.hpp"
#include "core/report/result_types.hpp"
#include "core/util/virtual_clock.hpp"
#include "sim/mta/dns/resolver.hpp"
#include "sim/mta/sts/policy_fetch.hpp"

namespace tlsrpt::sim {

struct StsLookup {
  std::optional<StsPolicy> policy;       // the policy to apply (fresh or cached); nullopt = no MTA-STS
  std::vector<std::string> lines;        // policy-string for the report (also for an invalid body)
  bool fetched_now = false;
  std::optional<ResultType> failure;     // a fetch failure to report (sts-policy-*)
  std::string reason;
  std::string host_ip;                   // the policy host's address when one was resolved
};

struct StsFetchSettings {
  std::string ca_file;
  std::string source_address;
  std::uint16_t default_port = 443;
  std::function<std::uint16_t(const std::string& ip)> port_for;  // fake world: policy host port by IP
  std::chrono::milliseconds timeout{15000};
};

class StsCache {
 public:
  explicit StsCache(StsFetchSettings settings) : settings_(std::move(settings)) {}
  StsLookup lookup(const std::string& domain, Resolver& dns, UnixSeconds now);
  // The same with the _mta-sts TXT answer already in hand (asked for before taking a lock that
  // guards this cache, so that sessions do not queue behind each other's DNS round trip).
  StsLookup lookup(const std::string& domain, const DnsAnswer& txt, Resolver& dns, UnixSeconds now);

 private:
  struct Entry {
    std::string id;
    StsPolicy policy;
    std::vector<std::string> lines;
    UnixSeconds fetched = 0;
    UnixSeconds expires = 0;
  };
  struct Failure {
    std::int64_t slot = 0;  // the retry slot of the failed fetch
    StsLookup lookup;
  };
  StsLookup fetch(const std::string& domain, const std::string& id, Resolver& dns, UnixSeconds now);

  StsFetchSettings settings_;
  std::map<std::string, Entry> cache_;
  std::map<std::string, Failure> failures_;  // domain/id -> the latest slot's failed fetch (no refetch in it)
};

}  // namespace tlsrpt::sim
