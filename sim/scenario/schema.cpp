#include "sim/scenario/schema.hpp"

namespace tlsrpt::scenario {
namespace {

using K = KeyType;

const std::vector<KeySpec>& table() {
  static const std::vector<KeySpec> keys{
      {"id", K::string, true, "Stable case id: RFC number, section, then a short name (`8460-4.3.1-certificate-expired-mx2`). Never renumbered."},
      {"title", K::string, true, "One line saying what goes wrong."},
      {"description", K::string, true, "The real incident this reproduces and what a receiver should learn from it."},
      {"extends", K::string, false, "Path of a base scenario (relative to this file) whose keys this file starts from."},
      {"include", K::strings, false, "Paths of fragments merged after `extends`, in order. Maps merge key by key; a later scalar or list replaces the earlier one."},
      {"seed", K::integer, true, "Seed of the one random generator of the run; printed in every output."},
      {"clock", K::map, true, "The virtual clock."},
      {"clock.start", K::datetime, true, "Virtual start instant, RFC 3339 (`2026-03-01T00:00:00Z`). Reports cover whole UTC days from here."},
      {"clock.days", K::integer, false, "How many UTC days to simulate (1..31, default 1)."},
      {"domain", K::string, true, "The recipient (policy) domain whose MX hosts the senders deliver to."},
      {"report-domain", K::string, false, "Domain of the report sink that receives the rua mail (default `reports.test`)."},
      {"dnssec", K::choice, false, "DNSSEC state of the recipient zone (default `unsigned`).",
       {"unsigned", "signed", "bogus-expired", "bogus-signature"}},
      {"certs", K::map, false, "Named certificate definitions, referred to by name from `mx[].cert`, `mta-sts.host.cert` and `timeline[].replace-cert.cert`. An unused definition is an error."},
      {"certs.*", K::map, false, "One certificate definition."},
      {"certs.*.profile", K::choice, false, "What is wrong with it (default `valid`).",
       {"valid", "expired", "not-yet-valid", "wrong-name", "self-signed", "rogue-root", "missing-intermediate"}},
      {"certs.*.not_before", K::datetime, false, "Start of validity (RFC 3339); default one year before the clock start."},
      {"certs.*.not_after", K::datetime, false, "End of validity (RFC 3339): the certificate expires at this virtual instant."},
      {"certs.*.names", K::strings, false, "DNS names in the SAN; default the host's own name."},
      {"mta-sts", K::map, false, "The MTA-STS policy (RFC 8461) the policy host serves; absent = no `_mta-sts` record."},
      {"mta-sts.mode", K::choice, false, "Policy mode (default `enforce`).", {"enforce", "testing", "none"}},
      {"mta-sts.mx", K::strings, false, "The policy's `mx` patterns; default every published MX host."},
      {"mta-sts.max_age", K::integer, false, "Policy `max_age` in seconds (default 86400)."},
      {"mta-sts.id", K::string, false, "The `id` of the `_mta-sts` TXT record (default `20260101`)."},
      {"mta-sts.host", K::map, false, "The policy web host `mta-sts.<domain>`."},
      {"mta-sts.host.fault", K::choice, false, "How the policy host misbehaves (default `none`).",
       {"none", "404", "500", "timeout", "redirect", "malformed", "wrong-content-type", "refused"}},
      {"mta-sts.host.cert", K::cert, false, "The policy host's certificate: a profile name, a `certs` name, or an inline definition."},
      {"tlsrpt", K::strings, true, "TXT record(s) at `_smtp._tls.<domain>` (RFC 8460 §3), written verbatim; a broken one is kept as is."},
      {"mx", K::list, true, "The MX hosts; each gets its own loopback address, certificate and TLS behaviour."},
      {"mx[].host", K::string, true, "Host name of the MX."},
      {"mx[].pref", K::integer, false, "MX preference (default 10)."},
      {"mx[].published", K::boolean, false, "Whether the MX RRset lists it at the start (default true); see `timeline[].mx-records`."},
      {"mx[].ip", K::string, false, "Its own 127.x.y.z address; assigned when absent."},
      {"mx[].cert", K::cert, false, "Its certificate: a profile name (`valid`, `expired`, ...), a `certs` name, or an inline definition (default `valid`)."},
      {"mx[].starttls", K::boolean, false, "Whether EHLO advertises STARTTLS (default true)."},
      {"mx[].tlsa", K::choice, false, "TLSA record at `_25._tcp.<host>` (default `none`): `match` = 3 1 1 of its key, `ta-match` = 2 1 1 of the CA, `wrong` = a key it does not have.",
       {"none", "match", "ta-match", "wrong", "malformed"}},
      {"senders", K::list, true, "The sending MTAs that deliver to the domain and report on it."},
      {"senders[].org", K::string, true, "Organisation name; becomes the report's `organization-name`."},
      {"senders[].mode", K::choice, true, "Which policies the sender applies.", {"mta-sts", "dane", "both", "opportunistic"}},
      {"senders[].personality", K::string, false, "Reporting habits of a real implementation (default `rfc`)."},
      {"senders[].sessions", K::integer, true, "TLS sessions per day."},
      {"senders[].shape", K::choice, false, "How sessions spread over the day (default `flat`).", {"flat", "business-hours", "evening-peak"}},
      {"senders[].ips", K::strings, false, "Source addresses (127.x.y.z); assigned when absent."},
      {"senders[].cached-policy", K::boolean, false, "Whether the sender holds a valid cached MTA-STS policy when the run starts (default false)."},
      {"timeline", K::list, false, "Changes to the world at virtual times. Each entry has `at`, optionally `until`, and exactly one action key. Two events of the same action on the same target must not overlap."},
      {"timeline[].at", K::time, true, "When: `14:00` (first day), `day 2 14:00`, or an RFC 3339 instant."},
      {"timeline[].until", K::time, false, "End of an interval action (attacker, dns-fault, policy-host, report-delivery)."},
      {"timeline[].replace-cert", K::map, false, "Install another certificate on an MX."},
      {"timeline[].replace-cert.mx", K::string, true, "The MX host."},
      {"timeline[].replace-cert.cert", K::cert, true, "The new certificate."},
      {"timeline[].mx-records", K::strings, false, "Publish exactly these hosts (from `mx`) in the MX RRset from now on."},
      {"timeline[].sts-id", K::string, false, "Change the `id` of the `_mta-sts` TXT record."},
      {"timeline[].sts-policy", K::map, false, "Serve a changed policy from now on."},
      {"timeline[].sts-policy.mode", K::choice, false, "New mode.", {"enforce", "testing", "none"}},
      {"timeline[].sts-policy.mx", K::strings, false, "New `mx` patterns."},
      {"timeline[].sts-policy.max_age", K::integer, false, "New `max_age`."},
      {"timeline[].policy-host", K::choice, false, "The policy host starts misbehaving (until `until`).",
       {"none", "404", "500", "timeout", "redirect", "malformed", "wrong-content-type", "refused"}},
      {"timeline[].attacker", K::map, false, "An on-path attacker between the senders and an MX."},
      {"timeline[].attacker.strip-starttls", K::string, true, "The MX host whose STARTTLS offer is removed."},
      {"timeline[].dns-fault", K::map, false, "The authoritative DNS misbehaves for one name."},
      {"timeline[].dns-fault.name", K::string, true, "The owner name affected."},
      {"timeline[].dns-fault.fault", K::choice, true, "What happens.", {"servfail", "timeout", "bogus"}},
      {"timeline[].tlsa", K::map, false, "Change the TLSA record of an MX."},
      {"timeline[].tlsa.mx", K::string, true, "The MX host."},
      {"timeline[].tlsa.records", K::choice, true, "The new state.", {"none", "match", "ta-match", "wrong", "malformed"}},
      {"timeline[].starttls", K::map, false, "An MX stops (or resumes) advertising STARTTLS."},
      {"timeline[].starttls.mx", K::string, true, "The MX host."},
      {"timeline[].starttls.offered", K::boolean, true, "Whether EHLO advertises STARTTLS."},
      {"timeline[].report-delivery", K::choice, false, "The report sink refuses report mail (until `until`); senders retry.",
       {"refuse", "tempfail"}},
      {"expect", K::list, true, "What must hold after the run. Every expectation is checked or the run fails."},
      {"expect[].id", K::string, true, "Stable case id within the scenario; the JUnit test case name."},
      {"expect[].result-type", K::string, false, "Measure: sessions that failed with this RFC 8460 result type (count in `sessions`)."},
      {"expect[].alternatives", K::strings, false, "Other result types real senders report for the same fault; they count too."},
      {"expect[].sessions", K::count, false, "How many failed sessions `result-type` must match (default `>0`)."},
      {"expect[].successful", K::count, false, "Measure: successful sessions."},
      {"expect[].failures", K::count, false, "Measure: failed sessions of any type."},
      {"expect[].delivered", K::count, false, "Measure: messages delivered."},
      {"expect[].deferred", K::count, false, "Measure: delivery attempts deferred."},
      {"expect[].reports", K::count, false, "Measure: reports that arrived at the sink."},
      {"expect[].sender", K::string, false, "Count only this sender (its `org`)."},
      {"expect[].mx", K::string, false, "Count only sessions to this MX host."},
      {"expect[].day", K::integer, false, "Count only this day (1-based)."},
      {"expect[].policy-type", K::choice, false, "Count only sessions under this policy type.", {"sts", "tlsa", "no-policy-found"}},
      {"expect[].rua", K::string, false, "reports: only those delivered to this rua URI."},
      {"expect[].valid", K::choice, false, "reports: each must validate under this profile.", {"strict"}},
      {"expect[].after", K::time, false, "Timing: every counted session happened at or after this time (`14:00` = on the first day)."},
      {"expect[].before", K::time, false, "Timing: every counted session happened before this time."},
  };
  return keys;
}

std::string_view parent_of(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}

}  // namespace

std::string_view to_string(KeyType type) {
  switch (type) {
    case K::string: return "string";
    case K::integer: return "integer";
    case K::boolean: return "boolean";
    case K::datetime: return "RFC 3339 instant";
    case K::time: return "virtual time";
    case K::count: return "count";
    case K::strings: return "string or list of strings";
    case K::list: return "list of maps";
    case K::map: return "map";
    case K::cert: return "certificate";
    case K::choice: return "one of";
  }
  return "?";
}

std::span<const KeySpec> schema() { return table(); }

const KeySpec* find_key(std::string_view path) {
  for (const auto& spec : table())
    if (spec.path == path) return &spec;
  return nullptr;
}

std::vector<std::string> child_keys(std::string_view parent) {
  std::vector<std::string> keys;
  for (const auto& spec : table()) {
    if (parent_of(spec.path) != parent) continue;
    const auto name = parent.empty() ? spec.path : spec.path.substr(parent.size() + 1);
    if (name != "*") keys.emplace_back(name);
  }
  return keys;
}

const std::vector<std::string>& cert_profiles() { return find_key("certs.*.profile")->choices; }

const std::vector<std::string>& timeline_actions() {
  static const std::vector<std::string> actions{"replace-cert", "mx-records", "sts-id", "sts-policy",
                                                "policy-host", "attacker", "dns-fault", "tlsa",
                                                "starttls", "report-delivery"};
  return actions;
}

const std::vector<std::string>& expectation_measures() {
  static const std::vector<std::string> measures{"result-type", "successful", "failures",
                                                 "delivered", "deferred", "reports"};
  return measures;
}

}  // namespace tlsrpt::scenario
