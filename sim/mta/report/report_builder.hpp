// Turns one UTC day of an Aggregator into RFC 8460 reports (§4.4), one per reported domain, shaped by
// a Personality. Deterministic: the same aggregate, identity, personality and seed give equal reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/report/model.hpp"
#include "core/util/virtual_clock.hpp"
#include "sim/mta/aggregate/aggregator.hpp"
#include "sim/mta/report/personality.hpp"

namespace tlsrpt::sim {

struct ReporterIdentity {
  std::string organization;   // "organization-name"
  std::string contact_info;   // "contact-info", e.g. "tlsrpt@sender.example"
  std::string sender_domain;  // the domain of contact-info: filename "sender", TLS-Report-Submitter
};

struct BuiltReport {
  std::string policy_domain;   // the domain reported to (TLS-Report-Domain, filename, _smtp._tls)
  UnixSeconds begin = 0;       // start of the UTC day
  UnixSeconds end = 0;         // as written in end-datetime (23:59:59 or next midnight)
  std::string unique_id;       // the §5.1 filename unique-id (letters and digits); empty = none
  Report report;
};

// generated_at: the virtual time the reports are made (Microsoft-style ids encode it).
std::vector<BuiltReport> build_reports(const Aggregator& aggregate, std::int64_t utc_day,
                                       const ReporterIdentity& who, const Personality& personality,
                                       std::uint64_t seed, UnixSeconds generated_at);

}  // namespace tlsrpt::sim
