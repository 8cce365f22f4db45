// Runs the catalogue against a target: builds each case's payloads, delivers them, checks the
// answer, probes liveness, asks the oracle what the receiver now holds, and applies the
// expected-failure file. One CaseResult per catalogue row, in catalogue order.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/cases/case.hpp"
#include "conformance/expect/expect_file.hpp"
#include "conformance/oracle/oracle.hpp"
#include "conformance/run/target.hpp"

namespace tlsrpt::conformance {

// pass; fail; xfail (failed as the expect file says); xpass (listed as failing but passed: fails
// the run); not_supported (the expect file says so; not sent); not_run (no target for its channel);
// error (the harness could not run it: oracle unreachable, receiver already down).
enum class Outcome { pass, fail, xfail, xpass, not_supported, not_run, error };
std::string_view to_string(Outcome outcome);

struct CaseResult {
  const Case* c = nullptr;
  Outcome outcome = Outcome::pass;
  std::string detail;          // why it failed / was skipped; what was checked
  std::string reason;          // the expect file's reason, if an entry matched
  std::optional<Channel> channel;
  std::string answer;          // the receiver's answer(s), e.g. "201 Created"
  bool oracle_checked = false; // false: checked at the transport level only
  bool blocked = false;        // an error because an earlier case left the receiver dead
  std::string transcript;
  std::chrono::milliseconds elapsed{};
};

struct RunOptions {
  std::uint64_t seed = 1;
  const gen::DkimKey* dkim = nullptr;
  std::string rcpt = "tlsrpt@reports.conformance.example";
  std::vector<std::string> only;  // case id patterns; empty = all
  std::chrono::milliseconds settle{0};  // how long to wait for the oracle to catch up
};

struct RunSummary {
  std::vector<CaseResult> results;
  bool harness_error = false;
  std::chrono::milliseconds elapsed{};
};

// `progress` is called after each case (for the terminal).
RunSummary run_suite(Targets& targets, Oracle* oracle, const ExpectFile& expect, const RunOptions& options,
                     const std::function<void(const CaseResult&)>& progress = {});

// 0 when every case passed, failed as expected, or is not supported / not run; 1 when any case
// failed or an expected failure passed; 2 on a harness error.
int exit_code(const RunSummary& summary);

}  // namespace tlsrpt::conformance
