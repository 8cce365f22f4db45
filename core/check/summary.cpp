#include "core/check/summary.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/report/result_types.hpp"
#include "core/util/datetime.hpp"

namespace tlsrpt::check {
namespace {

std::string sessions(std::int64_t n) { return std::to_string(n) + (n == 1 ? " session" : " sessions"); }

std::string period(const DateRange& d) {
  const auto start = parse_rfc3339(d.start_datetime);
  const auto end = parse_rfc3339(d.end_datetime);
  if (!start || !end) return "an unreadable date range (" + d.start_datetime + " to " + d.end_datetime + ")";
  const std::int64_t day = start->epoch_seconds - start->second_of_day();
  if (start->epoch_seconds == day && (end->epoch_seconds == day + 86399 || end->epoch_seconds == day + 86400))
    return format_date(day) + " (one UTC day)";
  return format_rfc3339(start->epoch_seconds) + " to " + format_rfc3339(end->epoch_seconds) + " (UTC)";
}

std::string policy_detail(const Policy& p) {
  std::string out;
  if (p.policy_type == PolicyType::sts && p.policy_string) {
    for (const auto& line : *p.policy_string)
      if (line.rfind("mode:", 0) == 0) out = line;
  }
  if (p.mx_host && !p.mx_host->empty()) {
    if (!out.empty()) out += "; ";
    out += "MX patterns";
    for (const auto& m : *p.mx_host) out += " " + m;
  }
  if (p.policy_type == PolicyType::tlsa && p.policy_string)
    out = std::to_string(p.policy_string->size()) + " TLSA record" + (p.policy_string->size() == 1 ? "" : "s");
  return out.empty() ? out : " (" + out + ")";
}

// " at MX mx2.example.net (198.51.100.12) from sender 192.0.2.1", leaving out what the row omits.
std::string where(const FailureLine& f) {
  std::string out;
  if (!f.mx.empty()) out += " at MX " + f.mx;
  if (!f.receiving_ip.empty()) out += (out.empty() ? " at " : " ") + std::string("(") + f.receiving_ip + ")";
  if (!f.sending_ip.empty()) out += " from sender " + f.sending_ip;
  return out;
}

void add_failure_lines(std::vector<std::string>& out, const FailureLine& f) {
  out.push_back("  " + sessions(f.sessions) + " failed with " + f.result_type + where(f) + ".");
  out.push_back("    " + f.meaning);
  if (!f.reason.empty()) out.push_back("    Sender's reason: " + f.reason);
}

// Many rows: one line per result type (sessions, rows, MX hosts), then the largest rows.
void add_grouped_failure_lines(std::vector<std::string>& out, const std::vector<FailureLine>& failures) {
  struct Group {
    std::int64_t sessions = 0;
    std::size_t rows = 0;
    std::set<std::string> mxes;
    const std::string* meaning = nullptr;
  };
  std::map<std::string, Group> groups;
  for (const auto& f : failures) {
    Group& g = groups[f.result_type];
    g.sessions += f.sessions;
    ++g.rows;
    if (!f.mx.empty()) g.mxes.insert(f.mx);
    g.meaning = &f.meaning;
  }
  for (const auto& [type, g] : groups) {
    out.push_back("  " + sessions(g.sessions) + " failed with " + type + " (" + std::to_string(g.rows) + " rows, " +
                  std::to_string(g.mxes.size()) + (g.mxes.size() == 1 ? " MX host)." : " MX hosts)."));
    out.push_back("    " + *g.meaning);
  }
  std::vector<const FailureLine*> largest;
  for (const auto& f : failures) largest.push_back(&f);
  const std::size_t shown = std::min(largest.size(), kFailureRowsShown);
  std::partial_sort(largest.begin(), largest.begin() + static_cast<std::ptrdiff_t>(shown), largest.end(),
                    [](const FailureLine* a, const FailureLine* b) { return a->sessions > b->sessions; });
  out.push_back("  The " + std::to_string(shown) + " largest of " + std::to_string(failures.size()) + " rows:");
  for (std::size_t i = 0; i < shown; ++i) {
    const FailureLine& f = *largest[i];
    out.push_back("    " + sessions(f.sessions) + " " + f.result_type + where(f) +
                  (f.reason.empty() ? "" : "; sender's reason: " + f.reason));
  }
}

}  // namespace

ReportSummary summarize(const Report& r) {
  ReportSummary s;
  s.reporter = r.organization_name.value_or("an unnamed organisation");
  s.reporter += r.contact_info ? " (" + *r.contact_info + ")" : " (no contact address)";
  s.period = period(r.date_range);
  s.report_id = r.report_id.value_or("");
  for (const auto& pr : r.policies) {
    PolicyLine line;
    const Policy& p = pr.policy;
    line.type = p.policy_type == PolicyType::unknown ? p.policy_type_text : std::string(to_string(p.policy_type));
    line.domain = p.policy_domain.value_or("");
    const std::int64_t ok = pr.summary.total_successful_session_count.value_or(0);
    const std::int64_t failed = pr.summary.total_failure_session_count.value_or(0);
    const std::string what = p.policy_type == PolicyType::no_policy_found
                                 ? "no policy was found"
                                 : line.type + " policy" + policy_detail(p);
    line.headline = (line.domain.empty() ? std::string("(no policy-domain)") : line.domain) + ": " + what + "; " +
                    sessions(ok) + " worked, " + sessions(failed) + " failed.";
    if (pr.failure_details) {
      for (const auto& d : *pr.failure_details) {
        FailureLine f;
        f.result_type = d.result_type;
        const ResultTypeInfo* info = find_result_type(d.result_type);
        f.meaning = info ? std::string(info->explanation)
                         : "\"" + d.result_type + "\" is not a registered result type, so its meaning is the sender's own.";
        f.sessions = d.failed_session_count.value_or(0);
        f.mx = d.receiving_mx_hostname.value_or("");
        f.receiving_ip = d.receiving_ip.value_or("");
        f.sending_ip = d.sending_mta_ip.value_or("");
        f.reason = d.failure_reason_code.value_or("");
        line.failures.push_back(std::move(f));
      }
    }
    s.policies.push_back(std::move(line));
  }
  return s;
}

std::vector<std::string> summary_lines(const ReportSummary& s) {
  std::vector<std::string> out;
  out.push_back("Reported by " + s.reporter + " for " + s.period + ".");
  if (!s.report_id.empty()) out.push_back("Report-ID: " + s.report_id);
  for (std::size_t i = 0; i < s.policies.size(); ++i) {
    const PolicyLine& p = s.policies[i];
    out.push_back("Policy " + std::to_string(i + 1) + ", " + p.headline);
    if (p.failures.size() > kFailureRowsShown) {
      add_grouped_failure_lines(out, p.failures);
      continue;
    }
    for (const auto& f : p.failures) add_failure_lines(out, f);
  }
  return out;
}

}  // namespace tlsrpt::check
