#include "fakemx/sink/examine.hpp"

#include <algorithm>
#include <set>

namespace tlsrpt::fakemx::sink {

namespace {

bool mentions(std::string_view declared, std::string_view what) { return declared.find(what) != std::string_view::npos; }

bool same_place(const Finding& a, const Finding& b) { return a.rule == b.rule && a.where == b.where; }

bool has_error_at(const Findings& findings, const Finding& f) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& g) { return g.severity == Severity::error && same_place(f, g); });
}

}  // namespace

Findings as_lenient(Findings strict, const Findings& lenient) {
  for (auto& f : strict)
    if (f.severity == Severity::error && !has_error_at(lenient, f)) f.severity = Severity::warning;
  for (const auto& g : lenient)
    if (g.severity == Severity::error && !has_error_at(strict, g)) strict.push_back(g);
  return strict;
}

Examined examine_report(std::string_view bytes, std::string_view declared_type, const InflateLimits& limits,
                        Profile profile) {
  Examined out;
  std::string inflated;
  std::string_view json = bytes;
  if (looks_gzipped(bytes)) {
    if (mentions(declared_type, "json") && !mentions(declared_type, "gzip"))
      out.findings.push_back({Severity::warning, "sink:content-type", "8460-5.3-media-type",
                              "The body is gzip but was labelled " + std::string(declared_type) + "."});
    InflateResult inflate = gunzip_capped(bytes, limits);
    if (!inflate.ok()) {
      const bool bomb = inflate.status == InflateStatus::too_large || inflate.status == InflateStatus::ratio_exceeded;
      out.verdict = bomb ? Verdict::too_large : Verdict::not_a_report;
      out.findings.push_back({Severity::error, "gzip:", bomb ? "sink-inflation-limit" : "1952-gzip",
                              inflate.message.empty() ? "The gzip body does not inflate." : inflate.message});
      return out;
    }
    inflated = std::move(inflate.data);
    json = inflated;
  } else if (mentions(declared_type, "gzip")) {
    out.findings.push_back({Severity::warning, "sink:content-type", "8460-5.3-media-type",
                            "The body was labelled " + std::string(declared_type) + " but is not gzip."});
  }
  ParseResult parsed = parse_report(json, profile);
  if (profile == Profile::lenient) parsed.findings = as_lenient(validate_json(json, Profile::strict), parsed.findings);
  out.findings.insert(out.findings.end(), parsed.findings.begin(), parsed.findings.end());
  if (!parsed.report) {
    out.verdict = Verdict::not_a_report;
    if (!has_errors(out.findings))
      out.findings.push_back({Severity::error, "", "8460-4.4-json", "The body is not a JSON report object."});
    return out;
  }
  out.verdict = has_errors(out.findings) ? Verdict::invalid : Verdict::valid;
  out.report = std::move(parsed.report);
  return out;
}

void summarise(const Report& report, SinkEntry& entry) {
  entry.report_id = report.report_id.value_or("");
  entry.date_start = report.date_range.start_datetime;
  entry.date_end = report.date_range.end_datetime;
  std::set<std::string> domains;
  for (const auto& p : report.policies) {
    if (p.policy.policy_domain) domains.insert(*p.policy.policy_domain);
    entry.successful_sessions += p.summary.total_successful_session_count.value_or(0);
    entry.failed_sessions += p.summary.total_failure_session_count.value_or(0);
    if (!p.failure_details) continue;
    for (const auto& d : *p.failure_details) entry.result_counts[d.result_type] += d.failed_session_count.value_or(0);
  }
  entry.policy_domains.assign(domains.begin(), domains.end());
  if (entry.submitter.empty()) entry.submitter = report.organization_name.value_or("");
}

}  // namespace tlsrpt::fakemx::sink
