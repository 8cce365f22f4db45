// Turns a report index into finished bytes: synthesize, write the JSON in the personality's shape,
// apply the JSON-level mutators, gzip, apply the gzip-level ones, wrap in the report e-mail, sign,
// apply the MIME-level ones. Everything derives from (profile, seed, index), nothing from the order
// in which indexes are asked for, so shards and threads are free to split the work.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "generators/mutators/mutator.hpp"
#include "generators/output/containers.hpp"
#include "generators/profile/profile.hpp"
#include "generators/synth/synthesize.hpp"

namespace tlsrpt::gen {

enum class Format { json, json_gz, eml, mbox };
Format format_from(std::string_view name);  // "json" | "json.gz" | "eml" | "mbox"; throws otherwise

// Signs a finished message (DKIM); nullptr = leave unsigned.
class MessageSigner {
 public:
  virtual ~MessageSigner() = default;
  virtual std::string sign(const std::string& message, const GeneratedReport& g) = 0;
};

struct FactoryOptions {
  Format format = Format::json_gz;
  std::vector<std::string> chain;  // mutators ("name" or "name=arg"), any layer order
  int gzip_level = kGzipLevelAuto;  // 0..12 or kGzipLevelAuto (generators/output/containers.hpp)
  std::string rua_to;              // eml/mbox To:; empty = tlsrpt@<policy-domain>
  MessageSigner* signer = nullptr;
};

struct Artifact {
  std::uint64_t index = 0;
  std::string path;          // relative: "<§5.1 name>" or "round-<n>/<§5.1 name>" (see docs/generate.md)
  std::string report_id;
  std::string media_type;    // "application/tlsrpt+gzip", "application/tlsrpt+json", "message/rfc822"
  std::string bytes;
  std::vector<mut::ChainStep> steps;
};

class ReportFactory {
 public:
  ReportFactory(GenerationProfile profile, FactoryOptions options);  // finalizes the profile; throws on bad options
  ReportFactory(const ReportFactory&) = delete;  // the synthesizer refers to the profile held here
  ReportFactory& operator=(const ReportFactory&) = delete;
  Artifact make(std::uint64_t index);
  const GenerationProfile& profile() const { return profile_; }
  const FactoryOptions& options() const { return options_; }

 private:
  void mutate(std::string& bytes, mut::Layer layer, Rng& rng, std::vector<mut::ChainStep>& steps) const;
  GenerationProfile profile_;
  FactoryOptions options_;
  Synthesizer synth_;
  GeneratedReport report_;  // refilled for every report
  std::string json_;        // reused buffer
};

// The sidecar describing how an artifact was made: {"index":…,"seed":…,"report-id":…,"chain":[…]}.
std::string mutations_json(const Artifact& a, std::uint64_t seed);

}  // namespace tlsrpt::gen
