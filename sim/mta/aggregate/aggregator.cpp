#include "sim/mta/aggregate/aggregator.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace tlsrpt::sim {
namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

struct FailureKeyHash {
  std::size_t operator()(const FailureKey& k) const {
    std::uint64_t h = static_cast<std::uint64_t>(k.result);
    h = mix(h, (std::uint64_t{k.sending_ip} << 32) | k.mx_host);
    h = mix(h, (std::uint64_t{k.mx_helo} << 32) | k.receiving_ip);
    return static_cast<std::size_t>(mix(h, k.reason));
  }
};

struct Bucket {
  std::int64_t successes = 0;
  std::int64_t failures = 0;
  std::unordered_map<FailureKey, std::int64_t, FailureKeyHash> details;
};

std::uint64_t bucket_key(std::int64_t day, PolicyId policy) {
  return (static_cast<std::uint64_t>(day) << 32) | policy;
}

// Key that identifies an AppliedPolicy for interning; \x1f/\x1e cannot occur in policy text we keep.
std::string policy_identity(const AppliedPolicy& p) {
  std::string key(to_string(p.type));
  key += '\x1e';
  key += p.domain;
  for (const auto& l : p.lines) (key += '\x1e') += l;
  key += '\x1d';
  for (const auto& m : p.mx_patterns) (key += '\x1e') += m;
  (key += '\x1d') += p.report_domain;
  return key;
}

}  // namespace

std::int64_t utc_day(UnixSeconds t) { return t >= 0 ? t / 86400 : -((-t + 86399) / 86400); }

struct Aggregator::Impl {
  std::vector<AppliedPolicy> policies;
  std::unordered_map<std::string, PolicyId> policy_ids;
  std::vector<std::string> strings{std::string()};
  std::unordered_map<std::string, StringId> string_ids;
  std::unordered_map<std::uint64_t, Bucket> buckets;
  std::uint64_t last_key = ~std::uint64_t{0};
  Bucket* last_bucket = nullptr;
  std::uint64_t records = 0;

  Bucket& bucket(PolicyId policy, UnixSeconds at) {
    if (policy >= policies.size()) throw std::out_of_range("Aggregator: unknown policy id");
    const std::uint64_t key = bucket_key(utc_day(at), policy);
    if (key != last_key) {  // sessions arrive in runs for one policy and day
      last_bucket = &buckets[key];  // node-based map: the pointer survives rehashing
      last_key = key;
    }
    return *last_bucket;
  }
};

Aggregator::Aggregator() : impl_(std::make_unique<Impl>()) {}
Aggregator::~Aggregator() = default;
Aggregator::Aggregator(Aggregator&&) noexcept = default;
Aggregator& Aggregator::operator=(Aggregator&&) noexcept = default;

PolicyId Aggregator::intern(const AppliedPolicy& policy) {
  auto [it, fresh] = impl_->policy_ids.try_emplace(policy_identity(policy),
                                                   static_cast<PolicyId>(impl_->policies.size()));
  if (fresh) impl_->policies.push_back(policy);
  return it->second;
}

StringId Aggregator::intern(std::string_view text) {
  if (text.empty()) return kAbsent;
  auto [it, fresh] = impl_->string_ids.try_emplace(std::string(text),
                                                   static_cast<StringId>(impl_->strings.size()));
  if (fresh) impl_->strings.emplace_back(text);
  return it->second;
}

const AppliedPolicy& Aggregator::policy(PolicyId id) const { return impl_->policies.at(id); }
std::string_view Aggregator::text(StringId id) const { return impl_->strings.at(id); }

void Aggregator::record(const SessionRecord& s) {
  Bucket& b = impl_->bucket(s.policy, s.at);
  ++impl_->records;
  if (s.success) {
    ++b.successes;
    return;
  }
  ++b.failures;
  ++b.details[s.failure];
}

void Aggregator::add_detail(PolicyId policy, UnixSeconds at, const FailureKey& detail) {
  ++impl_->bucket(policy, at).details[detail];
}

std::vector<std::int64_t> Aggregator::days() const {
  std::vector<std::int64_t> out;
  for (const auto& [key, b] : impl_->buckets) {
    (void)b;
    out.push_back(static_cast<std::int64_t>(key >> 32));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<PolicyDay> Aggregator::day(std::int64_t d) const {
  std::vector<PolicyDay> out;
  for (const auto& [key, b] : impl_->buckets) {
    if (static_cast<std::int64_t>(key >> 32) != d) continue;
    PolicyDay pd;
    pd.policy = &impl_->policies[static_cast<PolicyId>(key & 0xffffffffu)];
    pd.successes = b.successes;
    pd.failures = b.failures;
    for (const auto& [k, count] : b.details) {
      pd.details.push_back(FailureRow{std::string(to_string(k.result)), impl_->strings[k.sending_ip],
                                      impl_->strings[k.mx_host], impl_->strings[k.mx_helo],
                                      impl_->strings[k.receiving_ip], impl_->strings[k.reason], count});
    }
    std::sort(pd.details.begin(), pd.details.end(), [](const FailureRow& a, const FailureRow& b2) {
      return std::tie(a.result_type, a.mx_host, a.receiving_ip, a.sending_ip, a.mx_helo, a.reason) <
             std::tie(b2.result_type, b2.mx_host, b2.receiving_ip, b2.sending_ip, b2.mx_helo, b2.reason);
    });
    out.push_back(std::move(pd));
  }
  auto order = [](const PolicyDay& p) {
    return std::tie(p.policy->reported_to(), p.policy->domain, p.policy->type, p.policy->lines, p.policy->mx_patterns);
  };
  std::sort(out.begin(), out.end(),
            [&](const PolicyDay& a, const PolicyDay& b) { return order(a) < order(b); });
  return out;
}

void Aggregator::drop_day(std::int64_t d) {
  std::erase_if(impl_->buckets, [d](const auto& kv) { return static_cast<std::int64_t>(kv.first >> 32) == d; });
  impl_->last_key = ~std::uint64_t{0};
  impl_->last_bucket = nullptr;
}

std::uint64_t Aggregator::records() const { return impl_->records; }

}  // namespace tlsrpt::sim
