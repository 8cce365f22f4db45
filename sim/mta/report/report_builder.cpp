#include "sim/mta/report/report_builder.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/util/datetime.hpp"
#include "core/util/rng.hpp"

namespace tlsrpt::sim {
namespace {

int sts_rank(std::string_view line, StsLineOrder order) {
  auto key = line.substr(0, line.find(':'));
  const bool max_age_before_mx = order == StsLineOrder::version_mode_maxage_mx;
  if (key == "version") return 0;
  if (key == "mode") return 1;
  if (key == "mx") return max_age_before_mx ? 3 : 2;
  if (key == "max_age") return max_age_before_mx ? 2 : 3;
  return 4;  // extensions keep their relative order at the end
}

std::vector<std::string> sts_lines(const AppliedPolicy& p, const Personality& who) {
  std::vector<std::string> lines = p.lines;
  if (who.sts_order != StsLineOrder::as_published) {
    std::stable_sort(lines.begin(), lines.end(), [&](const std::string& a, const std::string& b) {
      return sts_rank(a, who.sts_order) < sts_rank(b, who.sts_order);
    });
  }
  return lines;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::vector<std::string> tlsa_lines(const AppliedPolicy& p, const Personality& who) {
  std::vector<std::string> lines;
  for (std::string rr : p.lines) {
    // The association data follows the third space; only it is hex, written in upper case.
    std::size_t pos = 0;
    for (int i = 0; i < 3 && pos != std::string::npos; ++i) pos = rr.find(' ', pos == 0 ? 0 : pos + 1);
    if (pos != std::string::npos) {
      for (auto it = rr.begin() + static_cast<std::ptrdiff_t>(pos); it != rr.end(); ++it) {
        const auto c = static_cast<unsigned char>(*it);
        *it = static_cast<char>(std::toupper(c));
      }
    }
    lines.push_back(std::move(rr));
  }
  if (who.tlsa_strings == TlsaStringForm::json_in_string && !lines.empty()) {
    std::string joined = "[";
    for (std::size_t i = 0; i < lines.size(); ++i) joined += (i ? "," : "") + json_string(lines[i]);
    return {joined + "]"};
  }
  return lines;
}

Policy report_policy(const AppliedPolicy& p, const Personality& who) {
  Policy out;
  out.policy_type = p.type;
  out.policy_type_text = std::string(to_string(p.type));
  if (p.type != PolicyType::no_policy_found || who.no_policy_found_has_domain) out.policy_domain = p.domain;
  std::vector<std::string> lines;
  if (p.type == PolicyType::sts) lines = sts_lines(p, who);
  if (p.type == PolicyType::tlsa) lines = tlsa_lines(p, who);
  if (!lines.empty() || who.every_key_always) out.policy_string = std::move(lines);
  if (who.every_key_always) out.mx_host = p.mx_patterns;
  else if (who.mx_host == MxHostForm::when_present && p.type == PolicyType::sts && !p.mx_patterns.empty())
    out.mx_host = p.mx_patterns;
  return out;
}

std::optional<std::string> field(const std::string& value, bool send = true) {
  if (!send || value.empty()) return std::nullopt;
  return value;
}

std::vector<FailureDetail> details(const std::vector<FailureRow>& rows, const Personality& who) {
  std::vector<FailureDetail> out;
  for (const FailureRow& r : rows) {
    FailureDetail d;
    d.result_type = r.result_type;
    d.sending_mta_ip = field(r.sending_ip);
    d.receiving_mx_hostname = field(r.mx_host);
    d.receiving_mx_helo = field(r.mx_helo, who.sends_mx_helo);
    d.receiving_ip = field(r.receiving_ip);
    d.failure_reason_code = field(r.reason, who.reason_codes != ReasonCodes::none);  // the session's own text
    // A personality that omits a field can make two rows identical: they become one row.
    auto same = std::find_if(out.begin(), out.end(), [&](const FailureDetail& o) {
      return std::tie(o.result_type, o.sending_mta_ip, o.receiving_mx_hostname, o.receiving_mx_helo,
                      o.receiving_ip, o.failure_reason_code) ==
             std::tie(d.result_type, d.sending_mta_ip, d.receiving_mx_hostname, d.receiving_mx_helo,
                      d.receiving_ip, d.failure_reason_code);
    });
    if (same != out.end()) {
      *same->failed_session_count += r.count;
    } else {
      d.failed_session_count = r.count;
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::string datetime(UnixSeconds t, const Personality& who) {
  std::string text = format_rfc3339(t);
  if (who.datetime_without_zone) text.pop_back();  // Microsoft, early 2023: no "Z"
  return text;
}

std::string filename_unique_id(FilenameUniqueId form, std::uint64_t filetime, std::size_t index, Rng& rng) {
  switch (form) {
    case FilenameUniqueId::random_hex: return fmt::format("{:016x}", rng.next());
    case FilenameUniqueId::counter_001: return "001";
    case FilenameUniqueId::filetime: return std::to_string(filetime);
    case FilenameUniqueId::index: return std::to_string(index);
    case FilenameUniqueId::none: break;
  }
  return {};
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

std::vector<BuiltReport> build_reports(const Aggregator& aggregate, std::int64_t utc_day,
                                       const ReporterIdentity& who, const Personality& personality,
                                       std::uint64_t seed, UnixSeconds generated_at) {
  std::map<std::string, std::vector<PolicyDay>> by_domain;  // ordered: deterministic report order
  for (PolicyDay& pd : aggregate.day(utc_day)) by_domain[pd.policy->reported_to()].push_back(std::move(pd));

  const UnixSeconds begin = utc_day * 86400;
  const UnixSeconds end = begin + (personality.end_of_day == EndOfDay::last_second ? 86399 : 86400);
  std::vector<BuiltReport> out;
  for (auto& [domain, days] : by_domain) {
    BuiltReport br;
    br.policy_domain = domain;
    br.begin = begin;
    br.end = end;
    Report& r = br.report;
    r.organization_name = who.organization;
    r.contact_info = who.contact_info;
    r.date_range = DateRange{datetime(begin, personality), datetime(end, personality)};
    std::uint64_t policy_hash = fnv1a(domain);
    for (const PolicyDay& pd : days) {
      PolicyReport pr;
      pr.policy = report_policy(*pd.policy, personality);
      pr.summary.total_successful_session_count = pd.successes;
      pr.summary.total_failure_session_count = pd.failures;
      auto rows = details(pd.details, personality);
      if (!rows.empty() || personality.failure_details_when_none || personality.every_key_always)
        pr.failure_details = std::move(rows);
      for (const auto& l : pd.policy->lines) policy_hash = fnv1a(l, policy_hash);
      r.policies.push_back(std::move(pr));
    }
    Rng rng = Rng(seed).fork(fmt::format("report:{}:{}:{}", who.sender_domain, domain, utc_day));
    // A FILETIME (with its sub-second ticks drawn) only for a reporter that writes one.
    const bool writes_filetime = personality.report_id == ReportIdScheme::filetime_domain ||
                                 personality.filename_id == FilenameUniqueId::filetime;
    const std::uint64_t filetime = writes_filetime ? windows_filetime(generated_at) + rng.below(10000000) : 0;
    std::string id;
    append_report_id(id, personality.report_id,
                     ReportIdParts{domain, who.sender_domain, begin, {}, filetime, out.size(), policy_hash}, rng);
    r.report_id = std::move(id);
    br.unique_id = filename_unique_id(personality.filename_id, filetime, out.size(), rng);
    out.push_back(std::move(br));
  }
  return out;
}

}  // namespace tlsrpt::sim
