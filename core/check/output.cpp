#include "core/check/output.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <ostream>

#include "core/check/summary.hpp"
#include "core/json/rules.hpp"

namespace tlsrpt::check {
namespace {

std::string_view verdict(const CheckResult& r) {
  if (r.unreadable) return "UNREADABLE";
  return r.valid() ? "VALID" : "INVALID";
}

std::size_t count(const Findings& f, Severity s) {
  std::size_t n = 0;
  for (const auto& x : f) n += x.severity == s;
  return n;
}

nlohmann::json summary_json(const ReportSummary& s) {
  nlohmann::json j;
  j["reporter"] = s.reporter;
  j["period"] = s.period;
  j["report_id"] = s.report_id;
  j["policies"] = nlohmann::json::array();
  for (const auto& p : s.policies) {
    nlohmann::json pj{{"type", p.type}, {"domain", p.domain}, {"headline", p.headline}};
    pj["failures"] = nlohmann::json::array();
    for (const auto& f : p.failures)
      pj["failures"].push_back({{"result_type", f.result_type}, {"meaning", f.meaning}, {"sessions", f.sessions},
                                {"receiving_mx_hostname", f.mx}, {"receiving_ip", f.receiving_ip},
                                {"sending_mta_ip", f.sending_ip}, {"failure_reason_code", f.reason}});
    j["policies"].push_back(std::move(pj));
  }
  return j;
}

// A report with 800,000 broken rows yields 800,000 findings of one rule: print the first few of
// each rule and say how many more there are, so the terminal stays readable.
void print_findings(std::ostream& out, const Findings& findings, std::size_t per_rule) {
  std::map<std::string_view, std::size_t> seen;
  for (const auto& f : findings) {
    if (++seen[f.rule] > per_rule) continue;
    out << "  " << severity_text(f.severity) << " " << f.rule << " at " << (f.where.empty() ? "(document)" : f.where)
        << ": " << f.message << "\n";
  }
  for (const auto& [rule, n] : seen)
    if (n > per_rule)
      out << "  ... and " << n - per_rule << " more " << rule << " findings (--all or --format json lists every one)\n";
}

}  // namespace

void print_text(std::ostream& out, const CheckResult& r, Profile profile, bool quiet, bool all) {
  out << r.input << ": " << verdict(r);
  if (r.unreadable) {
    out << " (" << *r.unreadable << ")\n";
    return;
  }
  out << " (" << to_string(profile) << ", " << to_string(r.format) << "; " << count(r.findings, Severity::error)
      << " errors, " << count(r.findings, Severity::warning) << " warnings)\n";
  if (quiet) return;
  print_findings(out, r.findings, all ? r.findings.size() : kFindingsPerRule);
  for (const auto& n : r.notes) out << "  note: " << n << "\n";
  if (r.report)
    for (const auto& line : summary_lines(summarize(*r.report))) out << "  " << line << "\n";
}

void print_totals_text(std::ostream& out, const Totals& t) {
  out << t.inputs() << (t.inputs() == 1 ? " input: " : " inputs: ") << t.valid << " valid, " << t.invalid
      << " invalid, " << t.unreadable << " unreadable.\n";
}

void print_json(std::ostream& out, const std::vector<CheckResult>& results, Profile profile) {
  nlohmann::json doc;
  doc["profile"] = to_string(profile);
  Totals totals;
  doc["inputs"] = nlohmann::json::array();
  for (const auto& r : results) {
    totals.add(r);
    nlohmann::json j;
    j["input"] = r.input;
    j["verdict"] = r.unreadable ? "unreadable" : r.valid() ? "valid" : "invalid";
    if (r.unreadable) {
      j["error"] = *r.unreadable;
      doc["inputs"].push_back(std::move(j));
      continue;
    }
    j["format"] = to_string(r.format);
    j["findings"] = nlohmann::json::array();
    for (const auto& f : r.findings)
      j["findings"].push_back(
          {{"severity", severity_text(f.severity)}, {"where", f.where}, {"rule", f.rule}, {"message", f.message}});
    j["notes"] = r.notes;
    if (r.report) {
      const ReportSummary s = summarize(*r.report);
      j["summary"] = summary_json(s);
      std::string text;
      for (const auto& line : summary_lines(s)) text += line + "\n";
      j["summary_text"] = text;
    }
    doc["inputs"].push_back(std::move(j));
  }
  doc["totals"] = {{"valid", totals.valid}, {"invalid", totals.invalid}, {"unreadable", totals.unreadable}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_rules_text(std::ostream& out) {
  for (const auto& r : rules())
    out << r.id << "  [" << r.section << "]  strict: " << to_string(r.strict) << ", lenient: " << to_string(r.lenient)
        << "\n    " << r.text << "\n";
}

void print_rules_json(std::ostream& out) {
  nlohmann::json doc = nlohmann::json::array();
  for (const auto& r : rules())
    doc.push_back({{"id", r.id}, {"section", r.section}, {"strict", to_string(r.strict)},
                   {"lenient", to_string(r.lenient)}, {"text", r.text}});
  out << doc.dump(2) << "\n";
}

}  // namespace tlsrpt::check
