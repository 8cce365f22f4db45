// What a run leaves behind: the terminal table grouped by tier, JUnit XML (every case a testcase;
// failures apart from harness errors; the requirement in the message), JSON with sorted keys, and
// one transcript file per case.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>

#include "conformance/run/runner.hpp"

namespace tlsrpt::conformance {

struct RunInfo {
  std::uint64_t seed = 0;
  std::string target;  // Targets::describe()
  std::string oracle;  // "" = none
};

void print_table(std::ostream& out, const RunSummary& summary, const RunInfo& info);
std::string to_junit(const RunSummary& summary, const RunInfo& info);
std::string to_json(const RunSummary& summary, const RunInfo& info);  // sorted keys, trailing newline
// DIR/<case-id>.txt for every case that was sent. Throws std::runtime_error on I/O failure.
void write_transcripts(const std::filesystem::path& dir, const RunSummary& summary, const RunInfo& info);

}  // namespace tlsrpt::conformance
