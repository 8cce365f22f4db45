// Where the fuzzer's inputs come from: case k of a run is a pure function of (seed, k). The user's
// corpus files come first, each as it is; after that every case is either a generated report of
// one of the reporter personalities in one of the chosen formats, passed through a random chain
// of the generators' mutators (or none: valid reports are inputs too), or a mutated corpus file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generators/mutators/mutator.hpp"
#include "generators/output/factory.hpp"
#include "generators/synth/synthesize.hpp"

namespace tlsrpt::fuzz {

struct Case {
  std::uint64_t index = 0;
  std::string bytes;
  std::string extension;   // ".json", ".json.gz", ".eml"
  std::string media_type;
  std::string origin;      // "generated" or "corpus:<file name>" (see CaseSource::origin)
  std::vector<gen::mut::ChainStep> steps;
};

struct CaseSourceOptions {
  std::uint64_t seed = 1;
  std::vector<gen::Format> formats{gen::Format::json};  // json, json_gz, eml
  std::vector<std::string> personalities;  // empty = every personality
  std::vector<std::string> mutators;       // allowed mutators; empty = the whole catalogue
  std::vector<std::filesystem::path> corpus;  // files (a directory is expanded by load_corpus)
  double unmutated_share = 0.2;            // generated cases left valid
  int max_chain = 3;
};

// Every regular file under `dir`, sorted (so the order is the same on every machine).
std::vector<std::filesystem::path> load_corpus(const std::filesystem::path& dir);

class CaseSource {
 public:
  explicit CaseSource(CaseSourceOptions options);  // throws std::invalid_argument on bad names
  Case make(std::uint64_t index);                   // one instance per thread: not thread-safe
  const CaseSourceOptions& options() const { return options_; }
  // "generated:<personality>" or "corpus:<file name>": computed only for findings.
  std::string origin(const Case& c) const;

 private:
  Case generated(std::uint64_t index, Rng& rng);
  Case from_corpus(std::uint64_t index, const std::filesystem::path& file, Rng& rng, bool mutate);
  std::vector<std::string> pick_chain(Rng& rng, gen::Format format) const;
  gen::ReportFactory& factory(gen::Format format, const std::vector<std::string>& chain);

  CaseSourceOptions options_;
  gen::GenerationProfile profile_;
  struct Allowed {
    std::string name;  // "name" or "name=arg"
    gen::mut::Layer layer;
  };
  std::vector<Allowed> allowed_;
  std::map<std::string, std::unique_ptr<gen::ReportFactory>> factories_;  // by format + chain
};

std::string extension_of(gen::Format format);
std::string media_type_of(gen::Format format);

}  // namespace tlsrpt::fuzz
