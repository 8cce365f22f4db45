// The findings of a run, deduplicated by (class, signature). The first case to hit a signature
// becomes its reproducer: minimised, then saved as
//   <out>/findings/<class>/<id>/input<ext>      the minimised input
//                               original<ext>   the input as the fuzzer made it
//                               repro.sh        one line that replays it against the target
//                               chain.json      seed, case index, origin and the mutation chain
//                               verdict.json    our validator's verdict on the minimised input
//                               output.txt      what the target printed on the minimised input
//                               finding.json    class, signature, summary, hit count
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "fuzz/driver/observation.hpp"
#include "generators/mutators/mutator.hpp"

namespace tlsrpt::fuzz {

struct FindingRecord {
  FindingClass finding = FindingClass::none;
  std::string id;           // 10 hex digits of the signature's hash: stable across runs
  std::string signature;
  std::string summary;
  std::uint64_t first_case = 0;
  std::size_t hits = 0;
  std::size_t original_size = 0, minimized_size = 0;
  std::string expected;     // our verdict on the minimised input
  std::string path;         // folder, relative to the output directory
  bool saved = false;
};

struct Reproducer {
  std::string original, minimized;
  std::string extension;
  std::string repro_line;
  std::string chain_json;
  std::string verdict_json;
  std::string output;
  std::string expected;
};

class FindingStore {
 public:
  explicit FindingStore(std::filesystem::path out_dir);  // loads findings saved by an earlier run (resume)

  // Counts a hit; true when the signature is new and the caller should minimise and save it.
  bool record(const Observation& o, std::uint64_t case_index);
  void save(const Observation& o, const Reproducer& r);

  std::vector<FindingRecord> snapshot() const;  // sorted by class then id
  std::map<std::string, std::size_t> by_class() const;
  void write_counts() const;                    // refreshes every finding.json's hit count
  const std::filesystem::path& out_dir() const { return out_; }

 private:
  static std::string key(const Observation& o);
  void write_record(const FindingRecord& r) const;
  std::filesystem::path out_;
  mutable std::mutex mutex_;
  std::map<std::string, FindingRecord> records_;
};

std::string finding_id(FindingClass c, const std::string& signature);

// The chain.json sidecar.
std::string chain_json(std::uint64_t seed, std::uint64_t case_index, const std::string& origin,
                       const std::vector<gen::mut::ChainStep>& steps);

}  // namespace tlsrpt::fuzz
