// `fuzz --exec CMD`: every case runs the command afresh in its own temporary directory (the input
// is written there as input.json / input.json.gz / input.eml) and is classified from how it ended.
#pragma once

#include <regex>
#include <set>
#include <string>

#include "core/util/child_process.hpp"
#include "fuzz/driver/command_line.hpp"
#include "fuzz/driver/target.hpp"

namespace tlsrpt::fuzz {

// A case runs as a child process (core/util/child_process.hpp) under these limits.
using ProcessLimits = util::ChildLimits;
using ProcessRun = util::ChildRun;
using util::links_sanitizer;

struct ExecOracle {
  std::set<int> accept_exits, reject_exits;
  std::string accept_regex, reject_regex;  // searched in stdout + stderr
  bool empty() const {
    return accept_exits.empty() && reject_exits.empty() && accept_regex.empty() && reject_regex.empty();
  }
};

struct ExecConfig {
  CommandLine command;      // argv[0] resolved already
  ProcessLimits limits;
  std::set<int> crash_exits;  // non-zero exit statuses that mean "crashed" for this target
  ExecOracle oracle;
  std::string work_dir;     // parent of the per-case directories
};

class ExecTarget final : public Target {
 public:
  explicit ExecTarget(ExecConfig config);
  Observation run(const Input& input) override;
  std::string repro_line(const std::string& input_file, const Input& input) const override;
  std::string describe() const override;

 private:
  ExecConfig config_;
  std::regex accept_, reject_;
};

// How one finished process is classified: timeout = hang; over the memory limit or an
// out-of-memory message = memory; a sanitizer report, a signal or a declared crash exit = crash;
// otherwise the oracle's verdict. `accept`/`reject` are the compiled oracle regexes (null: compiled here).
Observation classify(const ProcessRun& run, const ExecConfig& config, const std::regex* accept = nullptr,
                     const std::regex* reject = nullptr);

}  // namespace tlsrpt::fuzz
