// One synthetic report from (profile, index): the model plus what its containers need (filename
// parts, submitter, delivery time). Pure: the same arguments always give the same report, which is
// what makes sharding exact (docs/generate.md).
#pragma once

#include <cstdint>
#include <string>

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

// The profile must have been finalize()d.
GeneratedReport synthesize(const GenerationProfile& profile, std::uint64_t index);

// Which indexes shard `shard` of `shards` owns: index % shards == shard.
inline bool in_shard(std::uint64_t index, std::uint64_t shard, std::uint64_t shards) {
  return shards <= 1 || index % shards == shard;
}

}  // namespace tlsrpt::gen
