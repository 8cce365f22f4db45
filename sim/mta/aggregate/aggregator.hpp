// Per-sender aggregation of session results (RFC 8460 §4): per applied policy, per UTC day of the
// virtual clock, success and failure session counts plus failure-details keyed by (result type,
// sending IP, receiving MX, receiving MX HELO, receiving IP, reason code). Pure: no I/O.
//
// The hot path takes interned ids so that recording a session is a hash lookup on integers:
// intern policies and strings once (per MX, per policy fetch), then call record() per session.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/result_types.hpp"
#include "core/util/virtual_clock.hpp"
#include "sim/mta/aggregate/applied_policy.hpp"

namespace tlsrpt::sim {

using PolicyId = std::uint32_t;
using StringId = std::uint32_t;  // 0 = field absent
inline constexpr StringId kAbsent = 0;

// One failure-details row's identity. Fields hold interned strings (kAbsent when not known).
struct FailureKey {
  ResultType result = ResultType::validation_failure;
  StringId sending_ip = kAbsent;
  StringId mx_host = kAbsent;
  StringId mx_helo = kAbsent;
  StringId receiving_ip = kAbsent;
  StringId reason = kAbsent;
  bool operator==(const FailureKey&) const = default;
};

struct SessionRecord {
  PolicyId policy = 0;
  UnixSeconds at = 0;     // virtual time of the session; its UTC day picks the report
  bool success = true;
  FailureKey failure{};   // used when !success
};

// Totals of one policy on one day, with string ids resolved.
struct FailureRow {
  std::string result_type;
  std::string sending_ip, mx_host, mx_helo, receiving_ip, reason;  // "" = absent
  std::int64_t count = 0;
};

struct PolicyDay {
  const AppliedPolicy* policy = nullptr;
  std::int64_t successes = 0;
  std::int64_t failures = 0;
  std::vector<FailureRow> details;  // sorted by (result type, mx, receiving ip, sending ip, helo, reason)
};

std::int64_t utc_day(UnixSeconds t);  // days since 1970-01-01 (floor)

class Aggregator {
 public:
  Aggregator();
  ~Aggregator();
  Aggregator(Aggregator&&) noexcept;
  Aggregator& operator=(Aggregator&&) noexcept;

  PolicyId intern(const AppliedPolicy& policy);  // equal policies get the same id
  StringId intern(std::string_view text);         // "" -> kAbsent
  const AppliedPolicy& policy(PolicyId id) const;
  std::string_view text(StringId id) const;

  // Counts one session: success, or a failure with one failure-details row.
  void record(const SessionRecord& session);
  // Adds a failure-details row without counting another session (RFC 8460 §4: failure types are
  // non-exclusive, one session may fail in several ways).
  void add_detail(PolicyId policy, UnixSeconds at, const FailureKey& detail);

  std::vector<std::int64_t> days() const;  // ascending, days that have any record
  // Every policy seen on that day, grouped by policy domain then policy type, deterministically.
  std::vector<PolicyDay> day(std::int64_t utc_day) const;
  void drop_day(std::int64_t utc_day);  // after the day's reports were built
  std::uint64_t records() const;        // sessions recorded so far

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::sim
