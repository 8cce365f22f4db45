// A generation profile: everything `generate` needs besides the seed and the shard. Generation is
// a pure function of (profile, seed, shard index, shard count); see docs/generate.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tlsrpt::gen {

struct ReporterSpec {
  std::string personality = "strict-rfc";
  std::string organization = {};  // empty = the personality's own
  std::string contact = {};       // empty = the personality's own
  std::string submitter = {};     // empty = the personality's own
  double weight = 1;
};

struct DomainSpec {
  std::string name;
  std::vector<std::string> mx;  // empty = mx1.<name>, mx2.<name>
};

struct Weighted {
  std::string name;
  double weight = 1;
};

struct Range {
  std::int64_t min = 0;
  std::int64_t max = 0;
};

struct GenerationProfile {
  std::uint64_t seed = 1;
  std::uint64_t count = 10;
  std::vector<ReporterSpec> reporters;  // empty = one strict-rfc reporter
  std::vector<DomainSpec> domains;      // empty = `domain_count` generated names under .example
  int domain_count = 20;
  std::string start_date = "2026-03-01";
  int days = 1;
  std::vector<Weighted> policy_mix;     // sts / tlsa / no-policy-found; empty = 60/25/15
  std::vector<Weighted> failure_mix;    // result types; empty = a bad day's usual mix
  double failing_policy_share = 0.5;    // share of policies with any failures
  Range sessions{50, 5000};             // sessions per policy
  Range failure_details{3, 10};         // details per failing policy ("size")
  std::vector<std::string> ips;         // empty = the documentation ranges
};

// Named sizes: tiny (0-1 details), small (1-4), medium (~2 KB: 6-10), large (100-500),
// huge (10,000-30,000). Throws std::invalid_argument for another name.
Range size_preset(std::string_view name);

// Reads a YAML profile; every key must be known (a typo is an error, with its line).
GenerationProfile load_profile(const std::filesystem::path& file);
GenerationProfile parse_profile(const std::string& yaml_text);

// Fills defaults (reporters, domains, mixes) and checks values; throws std::invalid_argument.
void finalize(GenerationProfile& profile);

}  // namespace tlsrpt::gen
