#include "sim/mta/sts/sts_cache.hpp"

#include "core/records/sts_record.hpp"

namespace tlsrpt::sim {

namespace {

// At most one fetch attempt per quarter hour of the virtual clock after a failure (RFC 8461 §3.3:
// "limit further attempts to a period of five minutes or longer per version ID").
constexpr UnixSeconds kRetrySlot = 900;

std::int64_t slot_of(UnixSeconds t) { return t >= 0 ? t / kRetrySlot : (t - kRetrySlot + 1) / kRetrySlot; }

}  // namespace

StsLookup StsCache::lookup(const std::string& domain, Resolver& dns, UnixSeconds now) {
  return lookup(domain, dns.query("_mta-sts." + domain, "TXT", now), dns, now);
}

StsLookup StsCache::lookup(const std::string& domain, const DnsAnswer& txt, Resolver& dns, UnixSeconds now) {
  auto cached = cache_.find(domain);
  const bool fresh = cached != cache_.end() && cached->second.fetched <= now && cached->second.expires > now;
  auto use_cache = [&](StsLookup l) {
    if (fresh) {
      l.policy = cached->second.policy;
      l.lines = cached->second.lines;
    }
    return l;
  };

  if (!txt.ok()) {  // a DNS error is transient: apply the cache if any (RFC 8461 §3.1)
    StsLookup l;
    if (fresh) {
      l.failure = ResultType::sts_policy_fetch_error;
      l.reason = "dns-lookup: " + txt.reason;
    }
    return use_cache(l);
  }
  auto record = select_sts_record(txt.txt);
  if (!record.ok()) return use_cache({});  // no usable record: no MTA-STS, or keep the cache
  const std::string& id = record.value->id;
  if (fresh && cached->second.id == id) return use_cache({});

  const std::string failure_key = domain + "/" + id;
  const auto failed = failures_.find(failure_key);
  const bool failed_in_slot = failed != failures_.end() && failed->second.slot == slot_of(now);
  StsLookup fetched = failed_in_slot ? failed->second.lookup : fetch(domain, id, dns, now);
  if (fetched.policy) return fetched;
  if (!failed_in_slot && (failed == failures_.end() || failed->second.slot < slot_of(now)))
    failures_[failure_key] = Failure{slot_of(now), fetched};
  if (fresh) {  // a failed refresh keeps the old policy, and is reported (RFC 8461 §6)
    StsLookup l = use_cache({});
    l.failure = fetched.failure;
    l.reason = fetched.reason;
    l.host_ip = fetched.host_ip;
    return l;
  }
  return fetched;
}

StsLookup StsCache::fetch(const std::string& domain, const std::string& id, Resolver& dns, UnixSeconds now) {
  StsLookup out;
  out.fetched_now = true;
  DnsAnswer a = dns.query("mta-sts." + domain, "A", now);
  if (a.outcome != DnsOutcome::answer || a.rdatas.empty()) {
    out.failure = ResultType::sts_policy_fetch_error;
    out.reason = "policy host mta-sts." + domain + " has no address (" + std::string(to_string(a.outcome)) + ")";
    return out;
  }
  PolicyFetchOptions o;
  o.domain = domain;
  o.address = a.rdatas.front();
  out.host_ip = o.address;
  o.port = settings_.port_for ? settings_.port_for(o.address) : settings_.default_port;
  o.source_address = settings_.source_address;
  o.ca_file = settings_.ca_file;
  o.verify_time = now;
  o.timeout = settings_.timeout;
  PolicyFetchResult r = fetch_sts_policy(o);
  out.lines = r.lines;
  if (!r.policy) {
    out.failure = r.failure;
    out.reason = r.reason;
    return out;
  }
  out.policy = r.policy;
  // The earliest fetch wins, whichever session got here first (see the header).
  auto& entry = cache_[domain];
  if (entry.id != id || entry.expires <= now || now < entry.fetched)
    entry = Entry{id, *r.policy, r.lines, now, now + static_cast<UnixSeconds>(r.policy->max_age)};
  return out;
}

}  // namespace tlsrpt::sim
