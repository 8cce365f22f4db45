// Every expectation of a scenario checked against what a run measured. A case is pass, fail,
// unsupported (the build cannot run what it needs; never a pass) or error (the harness failed).
#pragma once

#include <string>
#include <vector>

#include "sim/runner/run_result.hpp"
#include "sim/scenario/model.hpp"

namespace tlsrpt::runner {

enum class CaseStatus { pass, fail, unsupported, error };
std::string_view to_string(CaseStatus status);

struct CaseResult {
  std::string id;        // the expectation's id
  CaseStatus status = CaseStatus::fail;
  std::string expected;  // "certificate-expired (or validation-failure) sessions from Big Mail to mx2: >0"
  std::string actual;    // "0 sessions"
  std::string message;   // why it failed, in one sentence
};

std::vector<CaseResult> check_expectations(const scenario::Scenario& s, const RunResult& run);

// 0 when every case passed, 1 when one failed or is unsupported, 2 on a harness error (of the run or a case).
int exit_code(const RunResult& run, const std::vector<CaseResult>& cases);

}  // namespace tlsrpt::runner
