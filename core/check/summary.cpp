#include "core/check/summary.hpp"

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
    for (const auto& f : p.failures) {
      std::string where;
      if (!f.mx.empty()) where += " at MX " + f.mx;
      if (!f.receiving_ip.empty()) where += (where.empty() ? " at " : " ") + std::string("(") + f.receiving_ip + ")";
      if (!f.sending_ip.empty()) where += " from sender " + f.sending_ip;
      out.push_back("  " + sessions(f.sessions) + " failed with " + f.result_type + where + ".");
      out.push_back("    " + f.meaning);
      if (!f.reason.empty()) out.push_back("    Sender's reason: " + f.reason);
    }
  }
  return out;
}

}  // namespace tlsrpt::check
