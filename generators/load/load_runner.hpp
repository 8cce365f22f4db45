// `load`: drives reports into a receiver at a target rate (or flat out) with bounded count and
// duration, counts every answer, keeps a ledger, and returns the summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generators/load/stats.hpp"
#include "generators/output/factory.hpp"
#include "generators/profile/profile.hpp"

namespace tlsrpt::gen::load {

struct LoadOptions {
  std::string target;               // https://…, smtp://…, dir:…, maildir:…
  std::string address;              // connect here instead of resolving the target's host
  std::string cacert;               // PEM bundle to verify the receiver (https, smtp STARTTLS)
  bool insecure = false;            // do not verify the receiver's certificate
  bool allow_remote = false;
  double rate = 0;                  // reports per second; 0 = as fast as possible
  int concurrency = 8;              // connections / in-flight reports
  int threads = 1;                  // event-loop threads
  std::uint64_t count = 1000;       // upper bound on reports sent
  double duration_seconds = 0;      // upper bound on time; 0 = none (count still bounds)
  double timeout_seconds = 30;      // per network operation
  std::string ledger;               // JSON-lines ledger path; "" = none
  bool live = false;                // a statistics line on stderr every second
  std::vector<std::string> files;   // send these files instead of generated reports
  MessageSigner* signer = nullptr;  // DKIM for generated mail (smtp, maildir)
};

struct LoadResult {
  LoadStats::Snapshot stats;
  double elapsed_seconds = 0;
  std::string summary_json;
  std::string warning;  // --allow-remote notice, if any
};

// Generated reports use `profile` (seeded) in the format the target needs (json.gz for https and
// dir, eml for smtp and maildir) with `chain` mutators. Throws std::invalid_argument on bad options.
LoadResult run_load(const LoadOptions& options, const GenerationProfile& profile,
                    const std::vector<std::string>& chain);

}  // namespace tlsrpt::gen::load
