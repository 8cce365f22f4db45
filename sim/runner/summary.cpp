// The terminal summary and the plain-English account of reports.
#include <set>

#include "core/report/result_types.hpp"
#include "core/util/datetime.hpp"
#include "sim/runner/incident.hpp"
#include "sim/runner/outputs.hpp"

namespace tlsrpt::runner {
namespace {

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string when(UnixTime first, UnixTime last) {
  return format_rfc3339(first).substr(0, 16) + " .. " + format_rfc3339(last).substr(0, 16) + " UTC";
}

}  // namespace

std::vector<std::string> explain_report(const ArrivedReport& r) {
  std::vector<std::string> lines;
  if (!r.report) {
    lines.push_back(r.filename + ": could not be read" +
                    (r.findings.empty() ? std::string{} : ": " + r.findings.front().message));
    return lines;
  }
  const Report& report = *r.report;
  lines.push_back(report.organization_name.value_or("(no organization-name)") + " reports " +
                  report.date_range.start_datetime.substr(0, 10) + " to " + r.rua + (r.valid_strict ? "" : " (not valid under strict)"));
  for (const auto& p : report.policies) {
    const auto ok = p.summary.total_successful_session_count.value_or(0);
    const auto failed = p.summary.total_failure_session_count.value_or(0);
    lines.push_back("  " + std::string(to_string(p.policy.policy_type)) + " policy for " +
                    p.policy.policy_domain.value_or("?") + ": " + thousands(ok) + " sessions succeeded, " +
                    thousands(failed) + " failed");
    if (!p.failure_details) continue;
    for (const auto& d : *p.failure_details) {
      const auto* info = find_result_type(d.result_type);
      lines.push_back("    " + thousands(d.failed_session_count.value_or(0)) + " x " + d.result_type +
                      (d.receiving_mx_hostname ? " at " + *d.receiving_mx_hostname : std::string{}) + ": " +
                      (info ? std::string(info->explanation) : "a result type outside the RFC 8460 registry"));
    }
  }
  return lines;
}

std::string terminal_summary(const RunView& view) {
  const auto& s = view.scenario;
  const auto& run = view.run;
  std::string out = s.id + ": " + s.title + "\n";
  out += "  seed " + std::to_string(s.seed) + ", " + std::to_string(s.days) + (s.days == 1 ? " day" : " days") +
         " from " + format_rfc3339(s.start) + ", " + thousands(run.total_sessions) + " sessions";
  char wall[32];
  std::snprintf(wall, sizeof wall, " in %.1f s\n", run.wall_seconds);
  out += wall;
  if (run.status != RunStatus::completed) {
    out += "  " + std::string(to_string(run.status)) + ": " + run.message + "\n";
    for (const auto& u : run.unsupported) out += "    unsupported in this build: " + u + "\n";
  }
  const auto broken = breakages(run);
  if (broken.empty()) {
    out += "  Nothing broke: every session succeeded.\n";
  } else {
    out += "  What broke:\n";
    for (const auto& b : broken) {
      out += "    " + b.result_type + " at " + (b.mx.empty() ? std::string("(policy)") : b.mx) + ": " +
             thousands(b.sessions) + " sessions, " + when(b.first, b.last) + ", for " + join(b.senders) + "\n";
      if (const auto* info = find_result_type(b.result_type)) out += "      " + std::string(info->explanation) + "\n";
    }
  }
  std::size_t valid = 0;
  for (const auto& r : run.reports) valid += r.valid_strict ? 1 : 0;
  out += "  Reports: " + std::to_string(run.reports.size()) + " arrived, " + std::to_string(valid) + " valid under strict\n";
  for (const auto& r : run.reports)
    for (const auto& line : explain_report(r)) out += "    " + line + "\n";
  std::size_t passed = 0;
  for (const auto& c : view.cases) passed += c.status == CaseStatus::pass ? 1 : 0;
  out += "  Expectations: " + std::to_string(passed) + " of " + std::to_string(view.cases.size()) + " held\n";
  for (const auto& c : view.cases) {
    if (c.status == CaseStatus::pass) continue;
    if (c.status == CaseStatus::unsupported) {
      out += "    unsupported " + c.id + ": " + c.expected + "\n";
      continue;
    }
    out += "    " + std::string(to_string(c.status)) + " " + c.id + ": expected " + c.expected + "; measured " +
           c.actual + (c.message.empty() ? "" : " (" + c.message + ")") + "\n";
  }
  const int code = exit_code(run, view.cases);
  out += std::string("  Result: ") + (code == 0 ? "PASS" : code == 1 ? "FAIL" : "HARNESS ERROR") + " (exit " +
         std::to_string(code) + ", seed " + std::to_string(s.seed) + ")\n";
  return out;
}

}  // namespace tlsrpt::runner
