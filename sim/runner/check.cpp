#include "sim/runner/check.hpp"

#include <algorithm>

#include "core/util/datetime.hpp"

namespace tlsrpt::runner {
namespace {

using scenario::Expectation;

std::string describe_filters(const Expectation& x) {
  std::string text;
  if (!x.sender.empty()) text += " from " + x.sender;
  if (!x.mx.empty()) text += " to " + x.mx;
  if (!x.policy_type.empty()) text += " under " + x.policy_type;
  if (x.day) text += " on day " + std::to_string(*x.day);
  if (!x.rua.empty()) text += " to " + x.rua;
  return text;
}

std::string describe(const Expectation& x) {
  std::string what;
  if (x.measure == "result-type") {
    what = x.result_type;
    for (const auto& alt : x.alternatives) what += " or " + alt;
    what += " sessions";
  } else if (x.measure == "successful") {
    what = "successful sessions";
  } else if (x.measure == "failures") {
    what = "failed sessions";
  } else if (x.measure == "delivered" || x.measure == "deferred") {
    what = x.measure + " messages";
  } else {
    what = std::string(x.valid_strict ? "strictly valid " : "") + "reports";
  }
  return what + describe_filters(x) + ": " + x.count.text;
}

bool session_matches(const Expectation& x, const SessionKey& k) {
  if (!x.sender.empty() && k.sender != x.sender) return false;
  if (!x.mx.empty() && k.mx != x.mx) return false;
  if (x.day && k.day != *x.day) return false;
  if (!x.policy_type.empty() && k.policy_type != x.policy_type) return false;
  if (x.measure == "successful") return k.result_type.empty();
  if (x.measure == "failures") return !k.result_type.empty();
  if (k.result_type == x.result_type) return true;
  return std::find(x.alternatives.begin(), x.alternatives.end(), k.result_type) != x.alternatives.end();
}

CaseResult check_sessions(const Expectation& x, const RunResult& run) {
  CaseResult c{x.id, CaseStatus::pass, describe(x), {}, {}};
  std::int64_t total = 0;
  std::optional<UnixTime> first, last;
  std::map<std::string, std::int64_t> by_type;
  for (const auto& [key, tally] : run.sessions) {
    if (!session_matches(x, key)) continue;
    total += tally.count;
    by_type[key.result_type.empty() ? "success" : key.result_type] += tally.count;
    first = first ? std::min(*first, tally.first) : tally.first;
    last = last ? std::max(*last, tally.last) : tally.last;
  }
  c.actual = std::to_string(total) + " sessions";
  if (total > 0) {
    std::string types;
    for (const auto& [type, n] : by_type) types += (types.empty() ? "" : ", ") + type + " " + std::to_string(n);
    c.actual += " (" + types + "; " + format_rfc3339(*first) + " .. " + format_rfc3339(*last) + ")";
  }
  if (!x.count.holds(total)) {
    c.status = CaseStatus::fail;
    c.message = "expected " + x.count.text + ", measured " + std::to_string(total);
    return c;
  }
  if (total == 0) return c;
  for (const auto& [key, tally] : run.sessions) {
    if (!session_matches(x, key)) continue;
    if (x.after && tally.first < *x.after)
      c.message = "a counted session happened at " + format_rfc3339(tally.first) + ", before " + format_rfc3339(*x.after);
    if (x.before && tally.last >= *x.before)
      c.message = "a counted session happened at " + format_rfc3339(tally.last) + ", not before " + format_rfc3339(*x.before);
  }
  if (!c.message.empty()) c.status = CaseStatus::fail;
  return c;
}

CaseResult check_deliveries(const Expectation& x, const RunResult& run) {
  CaseResult c{x.id, CaseStatus::pass, describe(x), {}, {}};
  std::int64_t total = 0;
  for (const auto& [key, tally] : run.deliveries) {
    if (x.day && key.first != *x.day) continue;
    if (!x.sender.empty() && key.second != x.sender) continue;
    total += x.measure == "delivered" ? tally.delivered : tally.deferred;
  }
  c.actual = std::to_string(total) + " messages";
  if (!x.count.holds(total)) {
    c.status = CaseStatus::fail;
    c.message = "expected " + x.count.text + ", measured " + std::to_string(total);
  }
  return c;
}

CaseResult check_reports(const Expectation& x, const RunResult& run) {
  CaseResult c{x.id, CaseStatus::pass, describe(x), {}, {}};
  std::int64_t total = 0;
  std::int64_t invalid = 0;
  std::string first_problem;
  for (const auto& r : run.reports) {
    if (!x.sender.empty() && r.sender != x.sender) continue;
    if (x.day && r.day != *x.day) continue;
    if (!x.rua.empty() && r.rua != x.rua) continue;
    ++total;
    if (x.valid_strict && !r.valid_strict) {
      ++invalid;
      if (first_problem.empty())
        first_problem = r.filename + ": " + (r.findings.empty() ? "not valid" : r.findings.front().message);
    }
  }
  c.actual = std::to_string(total) + " reports" + (invalid ? ", " + std::to_string(invalid) + " invalid" : "");
  if (!x.count.holds(total)) {
    c.status = CaseStatus::fail;
    c.message = "expected " + x.count.text + ", " + std::to_string(total) + " arrived";
  } else if (invalid) {
    c.status = CaseStatus::fail;
    c.message = std::to_string(invalid) + " failed strict validation; first: " + first_problem;
  }
  return c;
}

}  // namespace

std::string_view to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::pass: return "pass";
    case CaseStatus::fail: return "fail";
    case CaseStatus::unsupported: return "unsupported";
    case CaseStatus::error: return "error";
  }
  return "?";
}

std::vector<CaseResult> check_expectations(const scenario::Scenario& s, const RunResult& run) {
  std::vector<CaseResult> cases;
  for (const auto& x : s.expectations) {
    if (run.status == RunStatus::unsupported) {
      std::string why;
      for (const auto& u : run.unsupported) why += (why.empty() ? "" : "; ") + u;
      cases.push_back({x.id, CaseStatus::unsupported, describe(x), "not run", "unsupported in this build: " + why});
      continue;
    }
    if (run.status == RunStatus::harness_error) {
      cases.push_back({x.id, CaseStatus::error, describe(x), "not measured", run.message});
      continue;
    }
    CaseResult c = x.measure == "reports"                                ? check_reports(x, run)
                   : x.measure == "delivered" || x.measure == "deferred" ? check_deliveries(x, run)
                                                                         : check_sessions(x, run);
    if (run.status == RunStatus::interrupted && c.status == CaseStatus::fail) {
      c.status = CaseStatus::error;
      c.message = "the run was interrupted: " + c.message;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

int exit_code(const RunResult& run, const std::vector<CaseResult>& cases) {
  if (run.status == RunStatus::harness_error || run.status == RunStatus::interrupted) return 2;
  if (std::any_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.status == CaseStatus::error; })) return 2;
  const bool all_pass = std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.status == CaseStatus::pass; });
  return all_pass ? 0 : 1;
}

}  // namespace tlsrpt::runner
