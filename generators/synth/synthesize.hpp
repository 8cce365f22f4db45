// One synthetic report from (profile, index): the model plus what its containers need (filename
// parts, submitter, delivery time). Pure: the same arguments always give the same report, which is
// what makes sharding exact (docs/generate.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/report/model.hpp"
#include "generators/personality/personality.hpp"
#include "generators/profile/profile.hpp"

namespace tlsrpt::gen {

struct GeneratedReport {
  std::uint64_t index = 0;
  const Personality* personality = nullptr;
  std::string submitter;      // TLS-Report-Submitter, filename sender
  std::string dkim_domain;
  std::string policy_domain;  // the recipient domain the report is about (TLS-Report-Domain)
  std::int64_t begin = 0;     // filename timestamps (Unix seconds)
  std::int64_t end = 0;
  std::string unique_id;      // filename unique-id; empty = none
  std::int64_t sent_at = 0;   // Date: header
  Report report;
};

// Makes reports from one profile at volume. What depends only on the profile (each reporter's
// personality, the start date, which failure kinds fit which policy type) is worked out once, and
// make() refills the caller's report in place, so a stream of reports keeps reusing the same
// strings and vectors. The bytes are exactly those of synthesize().
class Synthesizer {
 public:
  // The profile must have been finalize()d and must outlive the Synthesizer.
  explicit Synthesizer(const GenerationProfile& profile);
  void make(std::uint64_t index, GeneratedReport& out);

 private:
  struct DayTexts {
    std::int64_t start = -1;
    std::string begin, last_second, next_midnight;  // RFC 3339, with Z
  };
  const DayTexts& day_texts(std::int64_t start);

  const GenerationProfile* profile_;
  std::vector<const Personality*> personas_;  // per reporter
  std::vector<PolicyType> policy_types_;      // per policy-mix entry
  std::vector<std::size_t> sts_kinds_, tlsa_kinds_;  // failure-mix entries that fit each policy type
  std::int64_t first_day_ = 0;
  DayTexts day_;  // the last day asked for: reports come day by day
  std::string scratch_;
  std::vector<std::string> mx_ips_;  // the current domain's MX addresses, worked out on first use
};

// One report on its own. The profile must have been finalize()d.
GeneratedReport synthesize(const GenerationProfile& profile, std::uint64_t index);

// Which indexes shard `shard` of `shards` owns: index % shards == shard.
inline bool in_shard(std::uint64_t index, std::uint64_t shard, std::uint64_t shards) {
  return shards <= 1 || index % shards == shard;
}

}  // namespace tlsrpt::gen
