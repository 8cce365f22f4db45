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

// Written as it goes rather than built as one document: a report with 800,000 broken rows has
// 800,000 findings, and a tree of them all took several GB. The bytes are what nlohmann's
// dump(2) gives for the same document (keys sorted, two-space indent); small values still go
// through it, re-indented to where they sit.
std::string dump_at(const nlohmann::json& value, std::size_t depth) {
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string indent = "\n" + std::string(2 * depth, ' ');
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n')
      out += indent;
    else
      out += c;
  }
  return out;
}

// Members of one object at `depth`, in the order given (the caller gives them sorted).
class ObjectWriter {
 public:
  ObjectWriter(std::ostream& out, std::size_t depth) : out_(out), depth_(depth) { out_ << "{"; }
  std::ostream& member(std::string_view key) {
    out_ << (first_ ? "\n" : ",\n") << std::string(2 * (depth_ + 1), ' ') << dump_at(std::string(key), 0) << ": ";
    first_ = false;
    return out_;
  }
  void value(std::string_view key, const nlohmann::json& v) { member(key) << dump_at(v, depth_ + 1); }
  void close() { out_ << (first_ ? "}" : "\n" + std::string(2 * depth_, ' ') + "}"); }

 private:
  std::ostream& out_;
  std::size_t depth_;
  bool first_ = true;
};

// Elements of one array at `depth`; next() starts an element on its own line.
class ArrayWriter {
 public:
  ArrayWriter(std::ostream& out, std::size_t depth) : out_(out), depth_(depth) {}
  std::ostream& next() {
    out_ << (first_ ? "[\n" : ",\n") << std::string(2 * (depth_ + 1), ' ');
    first_ = false;
    return out_;
  }
  void close() { out_ << (first_ ? "[]" : "\n" + std::string(2 * depth_, ' ') + "]"); }

 private:
  std::ostream& out_;
  std::size_t depth_;
  bool first_ = true;
};

void write_findings(std::ostream& out, const Findings& findings, std::size_t depth) {
  ArrayWriter a(out, depth);
  for (const auto& f : findings) {
    ObjectWriter o(a.next(), depth + 1);
    o.value("message", f.message);
    o.value("rule", f.rule);
    o.value("severity", severity_text(f.severity));
    o.value("where", f.where);
    o.close();
  }
  a.close();
}

void write_summary(std::ostream& out, const ReportSummary& s, std::size_t depth) {
  ObjectWriter o(out, depth);
  o.value("period", s.period);
  ArrayWriter policies(o.member("policies"), depth + 1);
  for (const PolicyLine& p : s.policies) {
    ObjectWriter po(policies.next(), depth + 2);
    po.value("domain", p.domain);
    ArrayWriter failures(po.member("failures"), depth + 3);
    for (const FailureLine& f : p.failures) {
      ObjectWriter fo(failures.next(), depth + 4);
      fo.value("failure_reason_code", f.reason);
      fo.value("meaning", f.meaning);
      fo.value("receiving_ip", f.receiving_ip);
      fo.value("receiving_mx_hostname", f.mx);
      fo.value("result_type", f.result_type);
      fo.value("sending_mta_ip", f.sending_ip);
      fo.value("sessions", f.sessions);
      fo.close();
    }
    failures.close();
    po.value("headline", p.headline);
    po.value("type", p.type);
    po.close();
  }
  policies.close();
  o.value("report_id", s.report_id);
  o.value("reporter", s.reporter);
  o.close();
}

void write_input(std::ostream& out, const CheckResult& r, std::size_t depth) {
  ObjectWriter o(out, depth);
  if (r.unreadable) {
    o.value("error", *r.unreadable);
    o.value("input", r.input);
    o.value("verdict", "unreadable");
    o.close();
    return;
  }
  write_findings(o.member("findings"), r.findings, depth + 1);
  o.value("format", to_string(r.format));
  o.value("input", r.input);
  o.value("notes", r.notes);
  if (r.report) {
    const ReportSummary s = summarize(*r.report);
    write_summary(o.member("summary"), s, depth + 1);
    std::string text;
    for (const auto& line : summary_lines(s)) text += line + "\n";
    o.value("summary_text", text);
  }
  o.value("verdict", r.valid() ? "valid" : "invalid");
  o.close();
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
  Totals totals;
  ObjectWriter doc(out, 0);
  ArrayWriter inputs(doc.member("inputs"), 1);
  for (const auto& r : results) {
    totals.add(r);
    write_input(inputs.next(), r, 2);
  }
  inputs.close();
  doc.value("profile", to_string(profile));
  doc.value("totals", {{"invalid", totals.invalid}, {"unreadable", totals.unreadable}, {"valid", totals.valid}});
  doc.close();
  out << "\n";
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
