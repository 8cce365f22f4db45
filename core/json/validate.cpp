#include "core/json/validate.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>

#include "core/json/pointer.hpp"
#include "core/json/report_view.hpp"
#include "core/json/policy_string.hpp"
#include "core/json/rules.hpp"
#include "core/report/result_types.hpp"
#include "core/util/datetime.hpp"
#include "core/util/domain_text.hpp"
#include "core/util/ip_text.hpp"

namespace tlsrpt {
namespace {

constexpr std::int64_t kMaxCount = (std::int64_t{1} << 53) - 1;

std::string quote(std::string_view s) {
  std::string q = "\"";
  q.append(s.substr(0, 200));
  if (s.size() > 200) q += "...";
  q += '"';
  return q;
}

// Characters a URI may hold anywhere (printable ASCII but those RFC 3986 never allows), and those
// of a scheme: one table lookup per character, as additional-information is often long.
enum : std::uint8_t { kUriChar = 1, kSchemeChar = 2 };

constexpr std::array<std::uint8_t, 256> kUriChars = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0x21; c < 0x7f; ++c) t[static_cast<std::size_t>(c)] = kUriChar;
  for (char c : std::string_view("\"<>\\^`{|}")) t[static_cast<unsigned char>(c)] = 0;
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '+' || c == '-' || c == '.') t[static_cast<std::size_t>(c)] |= kSchemeChar;
  }
  return t;
}();

// The classes every character of `s` has: an AND of table entries with no branch per character,
// four at a time so the lookups do not wait on one another (additional-information is often long).
std::uint8_t common_uri_classes(std::string_view s) {
  const auto cls = [&s](std::size_t i) { return kUriChars[static_cast<unsigned char>(s[i])]; };
  std::uint8_t a = 0xff, b = 0xff, c = 0xff, d = 0xff;
  std::size_t i = 0;
  for (; i + 4 <= s.size(); i += 4) {
    a &= cls(i);
    b &= cls(i + 1);
    c &= cls(i + 2);
    d &= cls(i + 3);
  }
  for (; i < s.size(); ++i) a &= cls(i);
  return a & b & c & d;
}

// scheme ":" rest: the scheme a letter and then letters, digits, "+", "-", "."; the rest not empty;
// every character, the scheme's too, a URI character.
bool is_uri(std::string_view s) {
  std::size_t colon = 0;
  while (colon < s.size() && (kUriChars[static_cast<unsigned char>(s[colon])] & kSchemeChar)) ++colon;
  if (colon == 0 || colon + 1 >= s.size() || s[colon] != ':') return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  return (common_uri_classes(s) & kUriChar) != 0;
}

class Validator {
 public:
  Validator(Profile profile, Findings& out, const std::unordered_set<std::string>* reported)
      : profile_(profile), out_(out), reported_(reported) {}

  void report(const ReportView& r) {
    if (!r.organization_name)
      add(Rule::missing_member, "/organization-name", "organization-name is missing or null.");
    else if (r.organization_name->empty())
      add(Rule::empty_string, "/organization-name", "organization-name is an empty string.");
    date_range(r.start_datetime, r.end_datetime);
    if (!r.contact_info) {
      add(Rule::missing_member, "/contact-info",
          r.contact_info_null ? "contact-info is null instead of an e-mail address."
                              : "contact-info is missing.");
    } else if (!is_addr_spec(*r.contact_info)) {
      add(Rule::contact_info, "/contact-info", "contact-info " + quote(*r.contact_info) +
                                                   " is not an e-mail address (local-part@domain).");
    }
    if (!r.report_id)
      add(Rule::missing_member, "/report-id", "report-id is missing or null.");
    else if (r.report_id->empty())
      add(Rule::empty_string, "/report-id", "report-id is an empty string.");
    if (r.policies.empty()) add(Rule::policies_empty, "/policies", "The report lists no policies.");
    for (std::size_t i = 0; i < r.policies.size(); ++i) policy_report(r, i, r.policies[i]);
  }

 private:
  bool on(Rule rule) const { return rule_level(rule, profile_) != Level::off; }

  // Whether the parser already flagged `where` or a container above it.
  bool already_reported(const std::string& where) const {
    if (!reported_ || reported_->empty()) return false;
    std::size_t end = where.size();
    while (true) {
      if (reported_->count(where.substr(0, end))) return true;
      if (end == 0) return false;
      end = where.rfind('/', end - 1);
      if (end == std::string::npos) return false;
    }
  }

  void add(Rule rule, std::string where, std::string message, bool downgrade = false) {
    if (!on(rule) || already_reported(where)) return;
    add_finding(out_, profile_, rule, std::move(where), std::move(message));
    if (downgrade) out_.back().severity = Severity::warning;
  }

  void date_range(std::string_view start_text, std::string_view end_text) {
    const auto start = date_time("/date-range/start-datetime", "start-datetime", start_text);
    const auto end = date_time("/date-range/end-datetime", "end-datetime", end_text);
    if (!start || !end) return;
    if (start->epoch_seconds > end->epoch_seconds ||
        (start->epoch_seconds == end->epoch_seconds && start->nanos >= end->nanos)) {
      add(Rule::date_order, "/date-range", "start-datetime " + quote(start_text) +
                                               " is not before end-datetime " + quote(end_text) + ".");
      return;
    }
    const int start_second = start->second_of_day();
    if (start_second != 0 || start->nanos != 0)
      add(Rule::day_start, "/date-range/start-datetime",
          "The range starts at " + format_rfc3339(start->epoch_seconds) +
              ", not at 00:00:00 UTC as the RFC asks of a daily report.");
    const std::int64_t day = start->epoch_seconds - start_second;
    const bool inclusive_end = end->epoch_seconds == day + 86399;
    const bool exclusive_end = end->epoch_seconds == day + 86400 && end->nanos == 0;
    if (!inclusive_end && !exclusive_end)
      add(Rule::day_end, "/date-range/end-datetime",
          "The range ends at " + format_rfc3339(end->epoch_seconds) + ", not at 23:59:59Z of " +
              format_date(day) + " or 00:00:00Z of the next day, so it does not cover one UTC day.");
  }

  // One variable returned on every path, so it is the caller's (no copy): a copy read the parsed
  // fields back with wider loads than they were stored with, a store-forwarding stall.
  std::optional<DateTime> date_time(const char* where, const char* name, std::string_view text) {
    std::optional<DateTime> dt = text.empty() ? std::nullopt : parse_rfc3339(text);
    if (!dt)
      date_time_problem(where, name, text);
    else if (!dt->has_offset)
      add(Rule::time_offset, where,
          std::string(name) + " " + quote(text) + " has no time zone (Z or +hh:mm); it is read as UTC.");
    return dt;
  }

  [[gnu::cold]] void date_time_problem(const char* where, const char* name, std::string_view text) {
    if (text.empty())
      add(Rule::required_member, where, std::string(name) + " is missing.");
    else
      add(Rule::date_time, where, std::string(name) + " " + quote(text) + " is not an RFC 3339 date-time.");
  }

  void policy_report(const ReportView& r, std::size_t i, const PolicyReportView& p) {
    const std::span<const FailureDetailView> details = r.details_of(p);
    if (p.policy_type == PolicyType::unknown && !p.policy_type_text.empty())
      add(Rule::policy_type, json_pointer::policy(i, "/policy/policy-type"),
          "policy-type " + quote(p.policy_type_text) + " is not tlsa, sts or no-policy-found.");
    if (!p.policy_domain)
      add(Rule::missing_member, json_pointer::policy(i, "/policy/policy-domain"), "policy-domain is missing.");
    else if (!is_a_label_domain(*p.policy_domain))
      add(Rule::policy_domain, json_pointer::policy(i, "/policy/policy-domain"),
          "policy-domain " + quote(*p.policy_domain) + " is not a domain name in A-labels.");
    policy_string(r, i, p, details);
    mx_host(r, i, p);
    summary(i, p, details);
    for (std::size_t j = 0; j < details.size(); ++j) detail(i, j, details[j]);
  }

  // Whether one of the policy's failure details has one of these result types: one pass, as a
  // large report has thousands of details.
  static bool reports(std::span<const FailureDetailView> details, std::initializer_list<std::string_view> result_types) {
    for (const auto& d : details)
      for (const std::string_view t : result_types)
        if (d.result_type.size() == t.size() && d.result_type == t) return true;
    return false;
  }

  void policy_string(const ReportView& r, std::size_t i, const PolicyReportView& p,
                     std::span<const FailureDetailView> details) {
    const bool needs = p.policy_type == PolicyType::sts || p.policy_type == PolicyType::tlsa;
    // A sender that could not fetch or authenticate the MTA-STS policy has no lines to echo (§4.5).
    // Asked only when there is something to report.
    const auto sts_not_obtained = [&] {
      return p.policy_type == PolicyType::sts &&
             reports(details, {"sts-policy-fetch-error", "sts-webpki-invalid"});
    };
    if (!p.policy_string) {
      if (needs) {
        const bool expected = sts_not_obtained();
        add(Rule::missing_member, json_pointer::policy(i, "/policy/policy-string"),
            "policy-string is missing for a " + std::string(to_string(p.policy_type)) + " policy" +
                (expected ? ", as expected when the policy could not be fetched or authenticated." : "."),
            expected);
      }
      return;
    }
    const std::span<const std::string_view> lines = r.list(*p.policy_string);
    if (p.policy_type == PolicyType::sts && on(Rule::sts_policy_string)) {
      if (auto problem = sts_policy_problem(lines)) {
        // §4.5 reports the policy "including any errors": expected when the sender says it was
        // invalid, and an empty one is all a sender has when the policy never arrived.
        const bool expected = sts_not_obtained() || reports(details, {"sts-policy-invalid"});
        add(Rule::sts_policy_string, json_pointer::policy(i, "/policy/policy-string"),
            "The MTA-STS policy-string is malformed: " + *problem + ".", expected);
      }
    }
    if (p.policy_type == PolicyType::tlsa) {
      for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string_view e = lines[k];
        const auto where = [i, k] {
          std::string w = json_pointer::policy(i, "/policy/policy-string");
          json_pointer::append(w, k);
          return w;
        };
        switch (classify_tlsa_record(e)) {
          case TlsaText::ok: break;
          case TlsaText::json_in_string:
            add(Rule::tlsa_json_in_string, where(),
                "The TLSA policy-string element is a JSON-encoded array of records inside one string; "
                "§4.5 wants one record per array element.");
            break;
          case TlsaText::malformed:
            add(Rule::tlsa_policy_string, where(),
                "The TLSA policy-string element " + quote(e) +
                    " is not \"usage selector matching-type hex-data\".");
            break;
        }
      }
    }
  }

  void mx_host(const ReportView& r, std::size_t i, const PolicyReportView& p) {
    if (!p.mx_host) return;
    const auto where = [i] { return json_pointer::policy(i, "/policy/mx-host"); };
    if (p.policy_type != PolicyType::sts)
      add(Rule::mx_host_sts_only, where(), "mx-host is given for a policy that is not sts.");
    if (p.mx_host_as_string)
      add(Rule::mx_host_array, where(), "mx-host is a single string; §4.4 defines it as an array of strings.");
    const std::span<const std::string_view> hosts = r.list(*p.mx_host);
    for (std::size_t k = 0; k < hosts.size(); ++k) {
      const std::string_view m = hosts[k];
      if (is_mx_pattern(m)) continue;
      std::string at = where();
      if (!p.mx_host_as_string) json_pointer::append(at, k);
      add(Rule::mx_host_pattern, std::move(at),
          "mx-host " + quote(m) + " is not a host name or *. pattern in A-labels.");
    }
  }

  // `where` makes the pointer, only when there is something to report.
  template <class Where>
  void count(Where&& where, const char* name, const std::optional<std::int64_t>& v, Rule missing_rule) {
    if (!v) {
      add(missing_rule, where(), std::string(name) + " is missing.");
    } else if (*v < 0 || *v > kMaxCount) {
      add(Rule::session_count, where(),
          std::string(name) + " is " + std::to_string(*v) + ", not an integer from 0 to 2^53-1.");
    }
  }

  void summary(std::size_t i, const PolicyReportView& p, std::span<const FailureDetailView> details) {
    const Summary& s = p.summary;
    count([i] { return json_pointer::policy(i, "/summary/total-successful-session-count"); },
          "total-successful-session-count", s.total_successful_session_count, Rule::missing_member);
    count([i] { return json_pointer::policy(i, "/summary/total-failure-session-count"); },
          "total-failure-session-count", s.total_failure_session_count, Rule::missing_member);
    const std::int64_t failures = s.total_failure_session_count.value_or(0);
    const bool has_details = !details.empty();
    if (failures > 0 && !has_details)
      add(Rule::failure_details, json_pointer::policy(i, "/failure-details"),
          std::to_string(failures) + " sessions failed but failure-details " +
              (p.failure_details ? "is empty." : "is missing."));
    if (!s.total_failure_session_count || !has_details || !on(Rule::failure_count_sum)) return;
    std::int64_t sum = 0;
    for (const auto& d : details)
      if (d.failed_session_count && *d.failed_session_count > 0 && *d.failed_session_count <= kMaxCount)
        sum += *d.failed_session_count;
    if (sum != failures)
      add(Rule::failure_count_sum, json_pointer::policy(i, "/summary/total-failure-session-count"),
          "The failure details add up to " + std::to_string(sum) + " sessions but total-failure-session-count is " +
              std::to_string(failures) + " (failure types may overlap, §4).");
  }

  // A failure detail is checked on every member; each check's happy path is a test without a
  // string in sight, and what a finding needs is built in the cold members below it.
  void detail(std::size_t i, std::size_t j, const FailureDetailView& d) {
    if (!find_result_type(d.result_type)) result_type_problem(i, j, d.result_type);
    if (!is_ip(d.sending_mta_ip)) ip_problem(i, j, "sending-mta-ip", d.sending_mta_ip, Rule::sending_mta_ip);
    if (!d.receiving_mx_hostname || !is_a_label_domain(*d.receiving_mx_hostname, true))
      hostname_problem(i, j, d.receiving_mx_hostname);
    if (is_empty(d.receiving_mx_helo)) empty_text(i, j, "receiving-mx-helo");
    if (!is_ip(d.receiving_ip)) ip_problem(i, j, "receiving-ip", d.receiving_ip, Rule::receiving_ip);
    count([i, j] { return json_pointer::detail(i, j, "/failed-session-count"); }, "failed-session-count",
          d.failed_session_count, Rule::required_member);
    if (is_empty(d.additional_information))
      empty_text(i, j, "additional-information");
    else if (d.additional_information && !is_uri(*d.additional_information))
      add(Rule::additional_information, json_pointer::detail(i, j, "/additional-information"),
          "additional-information " + quote(*d.additional_information) + " is not a URI.");
    if (is_empty(d.failure_reason_code)) empty_text(i, j, "failure-reason-code");
    if (!d.failure_reason_code &&
        (d.result_type == "certificate-not-trusted" || d.result_type == "validation-failure"))
      add(Rule::failure_reason_code, json_pointer::detail(i, j, "/failure-reason-code"),
          "A " + std::string(d.result_type) + " detail should say why in failure-reason-code.");
  }

  static bool is_empty(OptionalText v) { return v && v->empty(); }

  static bool is_ip(OptionalText v) {
    if (!v || v->empty()) return false;
    const IpText kind = classify_ip(*v);
    return kind == IpText::ipv4 || kind == IpText::ipv6_canonical;
  }

  [[gnu::cold]] void result_type_problem(std::size_t i, std::size_t j, std::string_view result_type) {
    if (result_type.empty())
      add(Rule::required_member, json_pointer::detail(i, j, "/result-type"), "result-type is missing.");
    else
      add(Rule::result_type, json_pointer::detail(i, j, "/result-type"),
          "result-type " + quote(result_type) + " is not in the IANA registry.");
  }

  [[gnu::cold]] void ip_problem(std::size_t i, std::size_t j, const char* name, OptionalText v, Rule rule) {
    const std::string suffix = std::string("/") + name;
    if (!v) {
      add(Rule::detail_member, json_pointer::detail(i, j, suffix), std::string(name) + " is missing.");
    } else if (v->empty()) {
      add(Rule::empty_string, json_pointer::detail(i, j, suffix), std::string(name) + " is an empty string.");
    } else if (classify_ip(*v) == IpText::ipv6_noncanonical) {
      add(Rule::ipv6_canonical, json_pointer::detail(i, j, suffix),
          std::string(name) + " " + quote(*v) + " is not in RFC 5952 form (" + canonical_ipv6(*v) + ").");
    } else {
      add(rule, json_pointer::detail(i, j, suffix), std::string(name) + " " + quote(*v) + " is not an IP address.");
    }
  }

  [[gnu::cold]] void hostname_problem(std::size_t i, std::size_t j, OptionalText host) {
    if (!host)
      add(Rule::detail_member, json_pointer::detail(i, j, "/receiving-mx-hostname"),
          "receiving-mx-hostname is missing.");
    else if (host->empty())
      add(Rule::empty_string, json_pointer::detail(i, j, "/receiving-mx-hostname"),
          "receiving-mx-hostname is an empty string.");
    else
      add(Rule::receiving_mx_hostname, json_pointer::detail(i, j, "/receiving-mx-hostname"),
          "receiving-mx-hostname " + quote(*host) + " is not a host name in A-labels.");
  }

  [[gnu::cold]] void empty_text(std::size_t i, std::size_t j, const char* name) {
    add(Rule::empty_string, json_pointer::detail(i, j, std::string("/") + name), std::string(name) + " is an empty string.");
  }

  Profile profile_;
  Findings& out_;
  const std::unordered_set<std::string>* reported_;
};

}  // namespace

void validate_view_into(const ReportView& report, Profile profile, Findings& out,
                        const std::unordered_set<std::string>* reported) {
  Validator(profile, out, reported).report(report);
}

void validate_report_into(const Report& report, Profile profile, Findings& out,
                          const std::unordered_set<std::string>* reported) {
  ReportView view;
  view.assign(report);
  validate_view_into(view, profile, out, reported);
}

Findings validate_report(const Report& report, Profile profile) {
  Findings out;
  validate_report_into(report, profile, out);
  return out;
}

}  // namespace tlsrpt
