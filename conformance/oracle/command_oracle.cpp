// --oracle-cmd: the oracle as a program whose standard output is the oracle JSON. The command line
// is split into words as sh would split them (core/util/command_line.hpp; no shell runs), "{report-id}" in a word asks once per report, and
// the program runs under the suite's timeout with its output capped.
#include <chrono>
#include <stdexcept>

#include "conformance/oracle/oracle.hpp"
#include "core/util/child_process.hpp"
#include "core/util/command_line.hpp"

namespace tlsrpt::conformance {
namespace {

constexpr std::size_t kOutputCap = 64u << 20;
constexpr std::string_view kSlot = "{report-id}";

std::vector<std::string> split_words(const std::string& command) {
  try {
    return util::split_words(command);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("--oracle-cmd: ") + e.what());
  }
}

// Runs argv, returns its standard output; throws on a start failure, a non-zero exit or the deadline.
std::string run_capture(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  util::ChildOptions options;
  options.limits.timeout = timeout;
  options.limits.output_cap = kOutputCap;
  util::ChildRun run = util::run_child(argv, options);
  if (!run.spawn_error.empty()) throw std::runtime_error("oracle command: " + run.spawn_error);
  if (run.timed_out) throw std::runtime_error("oracle command " + argv[0] + " did not finish in time");
  if (run.exit_code != 0)
    throw std::runtime_error("oracle command " + argv[0] + " failed (exit status " +
                             std::to_string(run.exit_code >= 0 ? run.exit_code : 128 + run.signal) + ")");
  return std::move(run.out);
}

class CommandOracle : public Oracle {
 public:
  CommandOracle(const std::string& command, std::chrono::milliseconds timeout)
      : command_(command), words_(split_words(command)), timeout_(timeout) {}

  OracleView fetch(const std::vector<std::string>& report_ids) override {
    if (!util::mentions(words_, kSlot)) return parse(run_capture(words_, timeout_));
    OracleView view;
    for (const auto& id : report_ids) {
      for (auto& [key, held] : parse(run_capture(util::substitute(words_, kSlot, id), timeout_)).reports) view.reports.insert_or_assign(key, held);
    }
    return view;
  }
  std::string describe() const override { return "command: " + command_; }

 private:
  OracleView parse(const std::string& text) const {
    try {
      return parse_oracle(text);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("oracle command " + words_.front() + ": " + e.what());
    }
  }

  std::string command_;
  std::vector<std::string> words_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<Oracle> command_oracle(const std::string& command, std::chrono::milliseconds timeout) {
  return std::make_unique<CommandOracle>(command, timeout);
}

}  // namespace tlsrpt::conformance
