// A scenario as plain data: the world (domain, DNS, MTA-STS, TLSRPT, MX hosts), the traffic
// (senders), what changes when (timeline) and what must hold afterwards (expectations).
// Built by the loader (sim/scenario/loader.hpp) from YAML; the keys are documented in
// sim/scenario/schema.cpp, the one table the loader enforces and docs/scenario-reference.md shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/count.hpp"
#include "sim/scenario/diagnostic.hpp"

namespace tlsrpt::scenario {

using UnixTime = std::int64_t;

// A certificate as the PKI factory should mint it.
struct CertSpec {
  std::string name;     // the definition's name, or the profile name when written inline
  std::string profile;  // valid | expired | not-yet-valid | wrong-name | self-signed | rogue-root | missing-intermediate
  std::optional<UnixTime> not_before;
  std::optional<UnixTime> not_after;
  std::vector<std::string> names;  // DNS SANs; empty = the host's own name
  bool operator==(const CertSpec&) const = default;
};

enum class TlsaState { none, match, ta_match, wrong, malformed };

struct MxHost {
  std::string host;
  int preference = 10;
  bool published = true;  // in the MX RRset at the start
  std::string ip;         // own 127.x.y.z; assigned by the runner when empty
  CertSpec cert;
  bool starttls = true;
  TlsaState tlsa = TlsaState::none;
  Location where;
};

struct StsPolicy {
  std::string mode = "enforce";  // enforce | testing | none
  std::vector<std::string> mx;   // patterns; empty = every published MX host
  std::int64_t max_age = 86400;
  std::string id = "20260101";
  std::string host_fault = "none";  // policy web host: none | 404 | 500 | timeout | redirect | malformed | refused | ...
  CertSpec host_cert;
  bool present = false;
  bool operator==(const StsPolicy&) const = default;
};

enum class SenderMode { mta_sts, dane, both, opportunistic };
std::string_view to_string(SenderMode mode);

struct Sender {
  std::string org;
  SenderMode mode = SenderMode::mta_sts;
  std::string personality = "rfc";
  std::int64_t sessions = 0;       // per day
  std::string shape = "flat";      // flat | business-hours | evening-peak
  std::vector<std::string> ips;    // source addresses; assigned by the runner when empty
  bool cached_policy = false;      // holds a valid MTA-STS policy from before the run
  Location where;
};

// One change to the world at a virtual instant, or over an interval when `until` is set.
struct TimelineEvent {
  UnixTime at = 0;
  std::optional<UnixTime> until;
  std::string action;   // replace-cert | mx-records | sts-id | sts-policy | policy-host | attacker | dns-fault | tlsa | starttls | report-delivery
  std::string target;   // the host or name it acts on ("" when the action is domain-wide)
  std::string value;    // the new cert / record state / fault name / id
  std::vector<std::string> values;  // mx-records: the published hosts
  StsPolicy policy;     // sts-policy
  CertSpec cert;        // replace-cert
  Location where;
};

// What must hold after the run. Exactly one measure; the other fields narrow what is counted.
struct Expectation {
  std::string id;                    // stable case id within the scenario
  std::string measure;               // result-type | successful | failures | delivered | deferred | reports
  std::string result_type;           // measure == result-type
  std::vector<std::string> alternatives;
  Count count;                       // how many sessions / messages / reports
  std::string sender;                // filters ("" = any)
  std::string mx;
  std::optional<int> day;            // 1-based
  std::string policy_type;           // sts | tlsa | no-policy-found
  std::string rua;                   // reports: to this rua only
  bool valid_strict = false;         // reports: each must validate under the strict profile
  std::optional<UnixTime> after;     // timing: every counted session happened at or after
  std::optional<UnixTime> before;    // timing: every counted session happened before
  Location where;
};

struct Scenario {
  std::string file;
  std::string id;
  std::string title;
  std::string description;
  std::uint64_t seed = 1;
  UnixTime start = 0;
  int days = 1;
  std::string domain;
  std::string report_domain = "reports.test";
  std::string dnssec = "unsigned";  // unsigned | signed | bogus-expired | bogus-signature
  StsPolicy mta_sts;
  std::vector<std::string> tlsrpt;  // TXT records at _smtp._tls.<domain>
  std::vector<MxHost> mx;
  std::vector<Sender> senders;
  std::vector<TimelineEvent> timeline;
  std::vector<Expectation> expectations;

  UnixTime end() const { return start + static_cast<UnixTime>(days) * 86400; }
  const MxHost* find_mx(std::string_view host) const;
  const Sender* find_sender(std::string_view org) const;
};

}  // namespace tlsrpt::scenario
