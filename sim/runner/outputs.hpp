// The outputs of one run, each a pure function of (scenario, run result, checked cases), plus
// one function that writes them all into the scenario's output folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/runner/check.hpp"
#include "sim/runner/run_result.hpp"
#include "sim/scenario/model.hpp"

namespace tlsrpt::runner {

struct RunView {
  const scenario::Scenario& scenario;
  const RunResult& run;
  const std::vector<CaseResult>& cases;
};

// result.json: sorted keys, the seed, every expectation with expected vs actual.
std::string result_json(const RunView& view);

// JUnit XML for several scenarios of one invocation (testsuites > testsuite per scenario).
std::string junit_xml(const std::vector<RunView>& views);

// One self-contained HTML page: no network, no scripts; an inline SVG chart of failures per hour.
std::string html_page(const RunView& view);

// The terminal summary a person reads in ten seconds.
std::string terminal_summary(const RunView& view);

// Plain-English account of one arrived report, line by line.
std::vector<std::string> explain_report(const ArrivedReport& report);

// Writes result.json, junit.xml, index.html, summary.txt, reports/ and transcripts/ under `dir`.
void write_outputs(const RunView& view, const std::filesystem::path& dir);

}  // namespace tlsrpt::runner
