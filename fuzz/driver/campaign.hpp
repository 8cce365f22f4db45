// One fuzzing run against one target: cases from a CaseSource, run by --jobs workers, each
// observation classified (the target's own classes, then the oracle against our validator),
// new findings minimised and saved, live statistics on a terminal, a summary at the end.
// Seeded and resumable: case k is the same input in every run with the same seed, and --resume
// carries on after the last case of the previous run in the same output directory.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "fuzz/driver/case_source.hpp"
#include "fuzz/driver/findings.hpp"
#include "fuzz/driver/minimize.hpp"
#include "fuzz/driver/target.hpp"

namespace tlsrpt::fuzz {

struct CampaignOptions {
  CaseSourceOptions inputs;
  std::uint64_t max_cases = 1000;
  std::chrono::milliseconds max_time{60000};
  int jobs = 1;
  bool oracle = false;             // the target reports verdicts: compare them with ours
  bool minimize = true;
  MinimizeBudget minimize_budget;
  bool live = false;               // a statistics line on stderr, refreshed every second
  bool resume = false;
  std::uint64_t probe_every = 0;   // liveness probe every N cases per worker (0 = only after trouble)
  std::string out_dir;
};

struct CampaignResult {
  std::uint64_t first_case = 0, cases = 0;
  double seconds = 0;
  std::map<std::string, std::size_t> mutator_hits;  // applied mutators, by name
  std::vector<FindingRecord> findings;
  std::map<std::string, std::size_t> by_class;
  std::map<std::string, std::size_t> our_verdicts;   // valid / acceptable / invalid (with an oracle)
  bool target_died = false;
  std::string harness_error;  // set when the run had to stop for a reason of ours
};

using TargetMaker = std::function<std::unique_ptr<Target>()>;

CampaignResult run_campaign(const CampaignOptions& options, const TargetMaker& make_target);

// The summary table (text) and the JSON document for CI (sorted keys).
std::string summary_text(const CampaignResult& r, const std::string& target);
std::string summary_json(const CampaignResult& r, const CampaignOptions& options, const std::string& target);

}  // namespace tlsrpt::fuzz
