#include "generators/synth/synthesize.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "core/util/datetime.hpp"
#include "generators/output/report_json.hpp"
#include "generators/synth/identifiers.hpp"
#include "generators/synth/reason_codes.hpp"

namespace tlsrpt::gen {
namespace {

constexpr std::array<std::string_view, 8> kStsResults{
    "starttls-not-supported", "certificate-host-mismatch", "certificate-expired", "certificate-not-trusted",
    "validation-failure",     "sts-policy-fetch-error",    "sts-policy-invalid",  "sts-webpki-invalid"};
constexpr std::array<std::string_view, 6> kTlsaResults{"starttls-not-supported", "certificate-host-mismatch",
                                                       "validation-failure",     "tlsa-invalid",
                                                       "dnssec-invalid",         "dane-required"};

template <typename T, typename WeightOf>
const T* pick_weighted(const std::vector<T>& items, WeightOf weight_of, Rng& rng) {
  double total = 0;
  for (const auto& it : items) total += weight_of(it);
  if (total <= 0) return nullptr;
  double x = rng.unit() * total;
  for (const auto& it : items) {
    x -= weight_of(it);
    if (x < 0) return &it;
  }
  return &items.back();
}

std::int64_t uniform(Rng& rng, Range r) {
  return r.min + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(r.max - r.min) + 1));
}

std::int64_t start_epoch(const std::string& date) {
  int y = 0;
  unsigned m = 0, d = 0;
  const char* s = date.data();
  auto ok = std::from_chars(s, s + 4, y).ec == std::errc{} && date[4] == '-' &&
            std::from_chars(s + 5, s + 7, m).ec == std::errc{} && date[7] == '-' &&
            std::from_chars(s + 8, s + 10, d).ec == std::errc{};
  if (!ok || m < 1 || m > 12 || d < 1 || d > 31) throw std::invalid_argument("start must be YYYY-MM-DD, not " + date);
  return days_from_civil(y, m, d) * 86400;
}

// What a domain publishes; fixed per name so every reporter sees the same policy.
struct DomainPolicy {
  std::string mode;
  std::string max_age;
  bool max_age_before_mx;
  std::vector<std::string> mx_patterns;
};

DomainPolicy domain_policy(const DomainSpec& d) {
  const auto h = stable_hash(d.name);
  static constexpr std::array<std::string_view, 3> ages{"86400", "604800", "1209600"};
  DomainPolicy p{(h & 1) ? "enforce" : "testing", std::string(ages[(h >> 1) % 3]), ((h >> 3) & 3) == 0, {}};
  if (((h >> 5) & 3) == 0) p.mx_patterns = {"*." + d.name};
  else p.mx_patterns = d.mx;
  return p;
}

std::vector<std::string> sts_lines(const DomainPolicy& dp, StsLineOrder order) {
  std::vector<std::string> lines{"version: STSv1", "mode: " + dp.mode};
  const bool age_first = order == StsLineOrder::version_mode_maxage_mx ||
                         (order == StsLineOrder::as_published && dp.max_age_before_mx);
  if (age_first) lines.push_back("max_age: " + dp.max_age);
  for (const auto& mx : dp.mx_patterns) lines.push_back("mx: " + mx);
  if (!age_first) lines.push_back("max_age: " + dp.max_age);
  return lines;
}

std::vector<std::string> tlsa_rrs(const std::string& mx_host) {
  Rng rng(stable_hash(mx_host));
  std::vector<std::string> rrs;
  const auto n = 1 + rng.below(2);
  for (std::uint64_t i = 0; i < n; ++i)
    rrs.push_back(std::string(rng.chance(0.5) ? "3 1 1 " : "2 1 1 ") + upper_hex(rng, 32));
  return rrs;
}

std::string mx_address(const std::string& mx_host, const std::vector<std::string>& pool) {
  Rng rng(stable_hash(mx_host) ^ 0x5bd1e995);
  return documentation_ip(rng, pool);
}

struct Context {
  const GenerationProfile& profile;
  const Personality& persona;
  const DomainSpec& domain;
  Rng& rng;
};

FailureDetail make_detail(Context& c, std::string_view type, std::int64_t count) {
  FailureDetail d;
  d.result_type = std::string(type);
  d.failed_session_count = count;
  const bool bare = type == "sts-policy-fetch-error" &&
                    (c.persona.minimal_fetch_error || c.persona.fetch_error_drops_policy_string);
  if (!bare || !c.persona.minimal_fetch_error) {
    d.failure_reason_code = reason_code(c.persona.reason_codes, type, c.domain.name, c.rng);
  }
  if (bare) return d;
  const auto& mx = c.domain.mx[c.rng.below(c.domain.mx.size())];
  d.sending_mta_ip = documentation_ip(c.rng, c.profile.ips);
  d.receiving_mx_hostname = mx;
  d.receiving_ip = mx_address(mx, c.profile.ips);
  if (c.persona.detail_has_helo && c.rng.chance(0.5)) d.receiving_mx_helo = mx;
  return d;
}

template <std::size_t N>
void add_failures(Context& c, PolicyReport& pr, std::int64_t sessions, const std::array<std::string_view, N>& kinds) {
  std::vector<Weighted> applicable;
  for (const auto& w : c.profile.failure_mix)
    if (std::find(kinds.begin(), kinds.end(), w.name) != kinds.end()) applicable.push_back(w);
  const auto n = uniform(c.rng, c.profile.failure_details);
  if (applicable.empty() || n == 0 || !c.rng.chance(c.profile.failing_policy_share)) return;

  std::vector<FailureDetail> details;
  details.reserve(static_cast<std::size_t>(n));
  std::int64_t failed = 0;
  const std::int64_t per_detail_cap = std::max<std::int64_t>(1, sessions / (4 * n));
  for (std::int64_t i = 0; i < n; ++i) {
    const auto* kind = pick_weighted(applicable, [](const Weighted& w) { return w.weight; }, c.rng);
    const auto count = 1 + static_cast<std::int64_t>(c.rng.below(static_cast<std::uint64_t>(per_detail_cap)));
    details.push_back(make_detail(c, kind->name, count));
    failed += count;
  }
  if (c.persona.sum_exceeds_total_sometimes && c.rng.chance(0.1)) {  // Mail.ru: 1 + 1 beside a total of 1
    details.resize(1);
    details[0].failed_session_count = 1;
    details.push_back(details[0]);
    details[1].sending_mta_ip = documentation_ip(c.rng, c.profile.ips);
    failed = 1;
  }
  pr.summary.total_failure_session_count = failed;
  pr.summary.total_successful_session_count = std::max<std::int64_t>(0, sessions - failed);
  pr.failure_details = std::move(details);
}

bool has_fetch_error(const PolicyReport& pr) {
  if (!pr.failure_details) return false;
  for (const auto& d : *pr.failure_details)
    if (d.result_type == "sts-policy-fetch-error") return true;
  return false;
}

PolicyReport make_policy(Context& c, PolicyType type) {
  const auto& p = c.persona;
  PolicyReport pr;
  pr.policy.policy_type = type;
  const auto sessions = uniform(c.rng, c.profile.sessions);
  pr.summary.total_successful_session_count = sessions;
  pr.summary.total_failure_session_count = 0;

  if (type == PolicyType::sts) {
    const auto dp = domain_policy(c.domain);
    pr.policy.policy_string = sts_lines(dp, p.sts_order);
    pr.policy.policy_domain = c.domain.name;
    if (p.mx_host != MxHostField::never) pr.policy.mx_host = dp.mx_patterns;
    add_failures(c, pr, sessions, kStsResults);
    if (has_fetch_error(pr) && (p.minimal_fetch_error || p.fetch_error_drops_policy_string)) {
      pr.policy.policy_string.reset();
      pr.policy.mx_host.reset();
    }
  } else if (type == PolicyType::tlsa) {
    const auto& mx = c.domain.mx[c.rng.below(c.domain.mx.size())];
    if (p.tlsa_strings == TlsaStrings::json_array_in_one_string) {
      std::string joined = "[";
      for (const auto& domain_mx : c.domain.mx)
        for (const auto& rr : tlsa_rrs(domain_mx)) {
          if (joined.size() > 1) joined += ',';
          append_json_string(joined, rr);
        }
      joined += ']';
      pr.policy.policy_string = std::vector<std::string>{joined};
    } else {
      pr.policy.policy_string = tlsa_rrs(mx);
    }
    pr.policy.policy_domain = p.tlsa_domain_is_recipient ? c.domain.name : mx;
    if (p.mx_host == MxHostField::always_even_empty) pr.policy.mx_host = std::vector<std::string>{};
    add_failures(c, pr, sessions, kTlsaResults);
  } else {
    if (p.no_policy_found_has_domain) pr.policy.policy_domain = c.domain.name;
    if (p.no_policy_found_empty_arrays) {
      pr.policy.policy_string = std::vector<std::string>{};
      pr.policy.mx_host = std::vector<std::string>{};
    }
  }
  if (!pr.failure_details && p.failure_details_when_none) pr.failure_details = std::vector<FailureDetail>{};
  return pr;
}

PolicyType policy_type_of(const std::string& name) {
  if (name == "sts") return PolicyType::sts;
  if (name == "tlsa") return PolicyType::tlsa;
  return PolicyType::no_policy_found;
}

std::string zoned(std::int64_t t, bool without_zone) {
  auto text = format_rfc3339(t);
  if (without_zone && !text.empty() && text.back() == 'Z') text.pop_back();
  return text;
}

}  // namespace

GeneratedReport synthesize(const GenerationProfile& profile, std::uint64_t index) {
  Rng rng = Rng(profile.seed).fork("report:" + std::to_string(index));
  const auto& domain = profile.domains[index % profile.domains.size()];
  const auto day = static_cast<std::int64_t>((index / profile.domains.size()) % static_cast<std::uint64_t>(profile.days));
  const auto* reporter = pick_weighted(profile.reporters, [](const ReporterSpec& r) { return r.weight; }, rng);
  const auto& persona = *find_personality(reporter->personality);

  GeneratedReport g;
  g.index = index;
  g.personality = &persona;
  g.submitter = reporter->submitter.empty() ? std::string(persona.submitter) : reporter->submitter;
  g.dkim_domain = reporter->submitter.empty() ? std::string(persona.dkim_domain) : reporter->submitter;
  g.policy_domain = domain.name;
  const auto start = start_epoch(profile.start_date) + day * 86400;
  const bool exclusive = persona.end_of_day == EndOfDay::exclusive_next_midnight;
  g.begin = start;
  g.end = start + (exclusive ? 86400 : 86399);
  g.sent_at = start + 86400 + persona.delivery_delay_minutes * 60 +
              static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(persona.delivery_delay_minutes) * 6 + 60));

  Report& r = g.report;
  r.organization_name = reporter->organization.empty() ? std::string(persona.organization) : reporter->organization;
  const std::string contact = reporter->contact.empty() ? std::string(persona.contact) : reporter->contact;
  if (!contact.empty()) r.contact_info = contact;
  r.date_range.start_datetime = zoned(start, persona.datetime_without_zone);
  r.date_range.end_datetime = zoned(g.end, persona.datetime_without_zone);

  Context c{profile, persona, domain, rng};
  const auto type = policy_type_of(pick_weighted(profile.policy_mix, [](const Weighted& w) { return w.weight; }, rng)->name);
  r.policies.push_back(make_policy(c, type));
  if (persona.sts_and_tlsa_together && type == PolicyType::sts && rng.chance(0.3))
    r.policies.push_back(make_policy(c, PolicyType::tlsa));

  const auto filetime = windows_filetime(g.sent_at - 600) + rng.below(10000000);
  const auto idx = 1 + rng.below(99);
  switch (persona.report_id) {
    case ReportIdStyle::start_and_domain: r.report_id = format_rfc3339(start) + "_" + domain.name; break;
    case ReportIdStyle::filetime_and_domain:
      r.report_id = std::to_string(filetime) + "+" +
                    (persona.empty_report_id_domain_sometimes && rng.chance(0.05) ? "" : domain.name);
      break;
    case ReportIdStyle::uuid_at_host: r.report_id = uuid_v4(rng) + "@" + g.submitter; break;
    case ReportIdStyle::unix_and_hash: r.report_id = std::to_string(start) + "_" + std::to_string(rng.next()); break;
    case ReportIdStyle::start_idx_domain:
      r.report_id = format_date(start) + "T00:00:00Z_idx" + std::to_string(idx) + "_" + domain.name;
      break;
    case ReportIdStyle::uuid: r.report_id = uuid_v4(rng); break;
  }
  switch (persona.filename_id) {
    case FilenameUniqueId::counter_001: g.unique_id = "001"; break;
    case FilenameUniqueId::filetime: g.unique_id = std::to_string(filetime); break;
    case FilenameUniqueId::none: break;
    case FilenameUniqueId::index: g.unique_id = std::to_string(idx); break;
  }
  return g;
}

}  // namespace tlsrpt::gen
