#include "generators/synth/synthesize.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "core/util/datetime.hpp"
#include "generators/output/report_json.hpp"
#include "generators/synth/identifiers.hpp"
#include "generators/synth/reason_codes.hpp"
#include "generators/synth/reuse.hpp"

namespace tlsrpt::gen {
namespace {

constexpr std::array<std::string_view, 8> kStsResults{
    "starttls-not-supported", "certificate-host-mismatch", "certificate-expired", "certificate-not-trusted",
    "validation-failure",     "sts-policy-fetch-error",    "sts-policy-invalid",  "sts-webpki-invalid"};
constexpr std::array<std::string_view, 6> kTlsaResults{"starttls-not-supported", "certificate-host-mismatch",
                                                       "validation-failure",     "tlsa-invalid",
                                                       "dnssec-invalid",         "dane-required"};

constexpr std::size_t kNone = ~std::size_t{0};

// Index of one of `n` items, each with probability weight_of(i) / total, from one draw; kNone
// (and no draw) when nothing has weight.
template <typename WeightOf>
std::size_t pick_weighted(std::size_t n, WeightOf weight_of, Rng& rng) {
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += weight_of(i);
  if (total <= 0) return kNone;
  double x = rng.unit() * total;
  for (std::size_t i = 0; i < n; ++i) {
    x -= weight_of(i);
    if (x < 0) return i;
  }
  return n - 1;
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
  std::string_view mode;
  std::string_view max_age;
  bool max_age_before_mx;
  bool wildcard_mx;  // one "*.<domain>" pattern instead of the MX names
};

DomainPolicy domain_policy(const DomainSpec& d) {
  const auto h = stable_hash(d.name);
  static constexpr std::array<std::string_view, 3> ages{"86400", "604800", "1209600"};
  return {(h & 1) ? "enforce" : "testing", ages[(h >> 1) % 3], ((h >> 3) & 3) == 0, ((h >> 5) & 3) == 0};
}

void mx_patterns(const DomainSpec& d, const DomainPolicy& dp, std::vector<std::string>& out) {
  if (!dp.wildcard_mx) {
    out = d.mx;
    return;
  }
  out.resize(1);
  assign(out[0], {"*.", d.name});
}

void sts_lines(const DomainSpec& d, const DomainPolicy& dp, StsLineOrder order, std::vector<std::string>& lines) {
  const std::size_t mx_count = dp.wildcard_mx ? 1 : d.mx.size();
  lines.resize(3 + mx_count);
  assign(lines[0], {"version: STSv1"});
  assign(lines[1], {"mode: ", dp.mode});
  const bool age_first = order == StsLineOrder::version_mode_maxage_mx ||
                         (order == StsLineOrder::as_published && dp.max_age_before_mx);
  std::size_t at = 2;
  if (age_first) assign(lines[at++], {"max_age: ", dp.max_age});
  if (dp.wildcard_mx) assign(lines[at++], {"mx: *.", d.name});
  else
    for (const auto& mx : d.mx) assign(lines[at++], {"mx: ", mx});
  if (!age_first) assign(lines[at++], {"max_age: ", dp.max_age});
}

// The TLSA records of an MX host (fixed per name): each one "u s m HEX", written by `each(rr)`.
template <typename Each>
void tlsa_rrs(const std::string& mx_host, std::string& scratch, Each each) {
  Rng rng(stable_hash(mx_host));
  const auto n = 1 + rng.below(2);
  for (std::uint64_t i = 0; i < n; ++i) {
    scratch = "x 1 1 ";  // the association data is drawn before the usage
    append_upper_hex(scratch, rng, 32);
    scratch[0] = rng.chance(0.5) ? '3' : '2';
    each(scratch);
  }
}

void mx_address(const std::string& mx_host, const std::vector<std::string>& pool, std::string& out) {
  Rng rng(stable_hash(mx_host) ^ 0x5bd1e995);
  assign_documentation_ip(out, rng, pool);
}

struct Context {
  const GenerationProfile& profile;
  const Personality& persona;
  const DomainSpec& domain;
  Rng& rng;
  std::vector<std::string>& mx_ips;  // per MX of the domain: its address once worked out, or empty
};

void make_detail(Context& c, std::string_view type, std::int64_t count, FailureDetail& d) {
  d.result_type.assign(type);
  d.failed_session_count = count;
  d.additional_information.reset();
  const bool bare = type == "sts-policy-fetch-error" &&
                    (c.persona.minimal_fetch_error || c.persona.fetch_error_drops_policy_string);
  if (!bare || !c.persona.minimal_fetch_error) reason_code(c.persona.reason_codes, type, c.domain.name, c.rng, d.failure_reason_code);
  else d.failure_reason_code.reset();
  if (bare) {
    d.sending_mta_ip.reset();
    d.receiving_mx_hostname.reset();
    d.receiving_ip.reset();
    d.receiving_mx_helo.reset();
    return;
  }
  const auto mx_at = c.rng.below(c.domain.mx.size());
  const auto& mx = c.domain.mx[mx_at];
  assign_documentation_ip(reuse(d.sending_mta_ip), c.rng, c.profile.ips);
  assign(d.receiving_mx_hostname, {mx});
  if (c.mx_ips[mx_at].empty()) mx_address(mx, c.profile.ips, c.mx_ips[mx_at]);
  assign(d.receiving_ip, {c.mx_ips[mx_at]});
  if (c.persona.sends_mx_helo && c.rng.chance(0.5)) assign(d.receiving_mx_helo, {mx});
  else d.receiving_mx_helo.reset();
}

// Fills the policy's failures (or none) and its summary; true if it has failures.
bool add_failures(Context& c, PolicyReport& pr, std::int64_t sessions, const std::vector<std::size_t>& kinds) {
  const auto& mix = c.profile.failure_mix;
  const auto weight = [&](std::size_t i) { return mix[kinds[i]].weight; };
  double kinds_weight = 0;
  for (std::size_t i = 0; i < kinds.size(); ++i) kinds_weight += weight(i);
  const auto n = uniform(c.rng, c.profile.failure_details);
  if (kinds_weight <= 0 || n == 0 || !c.rng.chance(c.profile.failing_policy_share)) return false;

  auto& details = reuse(pr.failure_details);
  details.resize(static_cast<std::size_t>(n));
  std::int64_t failed = 0;
  const std::int64_t per_detail_cap = std::max<std::int64_t>(1, sessions / (4 * n));
  for (auto& d : details) {
    const auto& kind = mix[kinds[pick_weighted(kinds.size(), weight, c.rng)]];
    const auto count = 1 + static_cast<std::int64_t>(c.rng.below(static_cast<std::uint64_t>(per_detail_cap)));
    make_detail(c, kind.name, count, d);
    failed += count;
  }
  if (c.persona.sum_exceeds_total_sometimes && c.rng.chance(0.1)) {  // Mail.ru: 1 + 1 beside a total of 1
    details.resize(1);
    details[0].failed_session_count = 1;
    details.push_back(details[0]);
    assign_documentation_ip(reuse(details[1].sending_mta_ip), c.rng, c.profile.ips);
    failed = 1;
  }
  pr.summary.total_failure_session_count = failed;
  pr.summary.total_successful_session_count = std::max<std::int64_t>(0, sessions - failed);
  return true;
}

bool has_fetch_error(const std::vector<FailureDetail>& details) {
  for (const auto& d : details)
    if (d.result_type == "sts-policy-fetch-error") return true;
  return false;
}

void make_policy(Context& c, PolicyType type, const std::vector<std::size_t>& kinds, std::string& scratch,
                 PolicyReport& pr) {
  const auto& p = c.persona;
  Policy& pol = pr.policy;
  pol.policy_type = type;
  pol.policy_type_text.clear();
  pol.mx_host_as_string = false;
  const auto sessions = uniform(c.rng, c.profile.sessions);
  pr.summary.total_successful_session_count = sessions;
  pr.summary.total_failure_session_count = 0;
  bool failures = false;

  if (type == PolicyType::sts) {
    const auto dp = domain_policy(c.domain);
    sts_lines(c.domain, dp, p.sts_order, reuse(pol.policy_string));
    assign(pol.policy_domain, {c.domain.name});
    if (p.mx_host != MxHostForm::never) mx_patterns(c.domain, dp, reuse(pol.mx_host));
    else pol.mx_host.reset();
    failures = add_failures(c, pr, sessions, kinds);
    if (failures && has_fetch_error(*pr.failure_details) && (p.minimal_fetch_error || p.fetch_error_drops_policy_string)) {
      pol.policy_string.reset();
      pol.mx_host.reset();
    }
  } else if (type == PolicyType::tlsa) {
    const auto& mx = c.domain.mx[c.rng.below(c.domain.mx.size())];
    auto& strings = reuse(pol.policy_string);
    if (p.tlsa_strings == TlsaStringForm::json_in_string) {
      strings.resize(1);
      std::string& joined = strings[0];
      joined = "[";
      for (const auto& domain_mx : c.domain.mx)
        tlsa_rrs(domain_mx, scratch, [&](const std::string& rr) {
          if (joined.size() > 1) joined += ',';
          append_json_string(joined, rr);
        });
      joined += ']';
    } else {
      strings.clear();
      tlsa_rrs(mx, scratch, [&](const std::string& rr) { strings.push_back(rr); });
    }
    assign(pol.policy_domain, {p.tlsa_domain_is_recipient ? std::string_view(c.domain.name) : std::string_view(mx)});
    if (p.every_key_always) reuse(pol.mx_host).clear();
    else pol.mx_host.reset();
    failures = add_failures(c, pr, sessions, kinds);
  } else {
    if (p.no_policy_found_has_domain) assign(pol.policy_domain, {c.domain.name});
    else pol.policy_domain.reset();
    if (p.every_key_always) {
      reuse(pol.policy_string).clear();
      reuse(pol.mx_host).clear();
    } else {
      pol.policy_string.reset();
      pol.mx_host.reset();
    }
  }
  if (!failures) {
    if (p.failure_details_when_none) reuse(pr.failure_details).clear();
    else pr.failure_details.reset();
  }
}

PolicyType policy_type_of(const std::string& name) {
  if (name == "sts") return PolicyType::sts;
  if (name == "tlsa") return PolicyType::tlsa;
  return PolicyType::no_policy_found;
}

void assign_datetime(std::string& out, const std::string& text, bool without_zone) {
  out.assign(text, 0, without_zone ? text.size() - 1 : text.size());  // the texts end in 'Z'
}

}  // namespace

Synthesizer::Synthesizer(const GenerationProfile& profile)
    : profile_(&profile), first_day_(start_epoch(profile.start_date)) {
  for (const auto& r : profile.reporters) {
    personas_.push_back(find_personality(r.personality));
    if (!personas_.back()) throw std::invalid_argument("unknown personality '" + r.personality + "'");
  }
  double policy_weight = 0;
  for (const auto& w : profile.policy_mix) {
    policy_types_.push_back(policy_type_of(w.name));
    policy_weight += w.weight;
  }
  if (profile.reporters.empty() || profile.domains.empty() || !(policy_weight > 0))
    throw std::invalid_argument("the profile needs reporters, domains and a policy-mix weight above 0");
  for (std::size_t i = 0; i < profile.failure_mix.size(); ++i) {
    const auto& name = profile.failure_mix[i].name;
    if (std::find(kStsResults.begin(), kStsResults.end(), name) != kStsResults.end()) sts_kinds_.push_back(i);
    if (std::find(kTlsaResults.begin(), kTlsaResults.end(), name) != kTlsaResults.end()) tlsa_kinds_.push_back(i);
  }
}

const Synthesizer::DayTexts& Synthesizer::day_texts(std::int64_t start) {
  if (day_.start != start) {
    day_.start = start;
    day_.begin = format_rfc3339(start);
    day_.last_second = format_rfc3339(start + 86399);
    day_.next_midnight = format_rfc3339(start + 86400);
  }
  return day_;
}

void Synthesizer::make(std::uint64_t index, GeneratedReport& g) {
  const auto& profile = *profile_;
  char name[32] = "report:";
  const auto name_end = std::to_chars(name + 7, name + sizeof name, index).ptr;
  Rng rng = Rng(profile.seed).fork(std::string_view(name, static_cast<std::size_t>(name_end - name)));
  const auto& domain = profile.domains[index % profile.domains.size()];
  const auto day = static_cast<std::int64_t>((index / profile.domains.size()) % static_cast<std::uint64_t>(profile.days));
  const auto reporter_at = pick_weighted(profile.reporters.size(), [&](std::size_t i) { return profile.reporters[i].weight; }, rng);
  const auto& reporter = profile.reporters[reporter_at];
  const auto& persona = *personas_[reporter_at];

  g.index = index;
  g.personality = &persona;
  const std::string_view submitter = reporter.submitter.empty() ? persona.submitter : std::string_view(reporter.submitter);
  g.submitter.assign(submitter);
  g.dkim_domain.assign(reporter.submitter.empty() ? persona.dkim_domain : std::string_view(reporter.submitter));
  g.policy_domain.assign(domain.name);
  const auto start = first_day_ + day * 86400;
  const bool exclusive = persona.end_of_day == EndOfDay::next_midnight;
  g.begin = start;
  g.end = start + (exclusive ? 86400 : 86399);
  g.sent_at = start + 86400 + persona.delivery_delay_minutes * 60 +
              static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(persona.delivery_delay_minutes) * 6 + 60));

  Report& r = g.report;
  assign(r.organization_name, {reporter.organization.empty() ? persona.organization : std::string_view(reporter.organization)});
  const std::string_view contact = reporter.contact.empty() ? persona.contact : std::string_view(reporter.contact);
  if (!contact.empty()) assign(r.contact_info, {contact});
  else r.contact_info.reset();
  r.contact_info_null = false;
  const auto& texts = day_texts(start);
  assign_datetime(r.date_range.start_datetime, texts.begin, persona.datetime_without_zone);
  assign_datetime(r.date_range.end_datetime, exclusive ? texts.next_midnight : texts.last_second,
                  persona.datetime_without_zone);

  mx_ips_.resize(domain.mx.size());
  for (auto& ip : mx_ips_) ip.clear();
  Context c{profile, persona, domain, rng, mx_ips_};
  const auto type = policy_types_[pick_weighted(policy_types_.size(), [&](std::size_t i) { return profile.policy_mix[i].weight; }, rng)];
  r.policies.resize(1);
  make_policy(c, type, type == PolicyType::sts ? sts_kinds_ : tlsa_kinds_, scratch_, r.policies[0]);
  const bool with_tlsa = persona.sts_and_tlsa_together && type == PolicyType::sts && rng.chance(0.3);
  if (with_tlsa) {
    r.policies.resize(2);
    make_policy(c, PolicyType::tlsa, tlsa_kinds_, scratch_, r.policies[1]);
  }

  const auto filetime = windows_filetime(g.sent_at - 600) + rng.below(10000000);
  const auto idx = 1 + rng.below(99);
  ReportIdParts id{domain.name, submitter, start, texts.begin, filetime, idx, std::nullopt};
  if (persona.empty_report_id_domain_sometimes && persona.report_id == ReportIdScheme::filetime_domain &&
      rng.chance(0.05))
    id.policy_domain = {};
  append_report_id(reuse(r.report_id), persona.report_id, id, rng);
  g.unique_id.clear();
  switch (persona.filename_id) {
    case FilenameUniqueId::counter_001: g.unique_id = "001"; break;
    case FilenameUniqueId::filetime: append_decimal(g.unique_id, filetime); break;
    case FilenameUniqueId::none: break;
    case FilenameUniqueId::index: append_decimal(g.unique_id, idx); break;
    case FilenameUniqueId::random_hex:  // none of the offered reporters; as the simulator does
      for (auto v = rng.next(), i = std::uint64_t{0}; i < 16; ++i, v <<= 4) g.unique_id += "0123456789abcdef"[v >> 60];
      break;
  }
}

GeneratedReport synthesize(const GenerationProfile& profile, std::uint64_t index) {
  GeneratedReport g;
  Synthesizer(profile).make(index, g);
  return g;
}

}  // namespace tlsrpt::gen
