#include "sim/mta/sender.hpp"

#include <fmt/format.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/records/sts_policy.hpp"
#include "core/util/datetime.hpp"
#include "core/util/rng.hpp"
#include "sim/mta/dane/tlsa_usable.hpp"
#include "sim/mta/delivery/report_delivery.hpp"
#include "sim/mta/dns/resolver.hpp"
#include "sim/mta/smtp/smtp_client.hpp"
#include "sim/mta/sts/sts_cache.hpp"

namespace tlsrpt::sim {

std::string_view to_string(SenderMode m) {
  switch (m) {
    case SenderMode::mta_sts: return "mta-sts";
    case SenderMode::dane: return "dane";
    case SenderMode::both: return "both";
    case SenderMode::opportunistic: return "opportunistic";
  }
  return "?";
}

std::optional<SenderMode> sender_mode_from(std::string_view text) {
  for (SenderMode m : {SenderMode::mta_sts, SenderMode::dane, SenderMode::both, SenderMode::opportunistic})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

namespace {

ResolverOptions resolver_options(const SenderConfig& c) {
  ResolverOptions o;
  o.server = c.dns_server;
  o.port = c.dns_port;
  o.source_address = c.source_address;
  o.trust_anchors = c.trust_anchors;
  o.timeout = std::min<std::chrono::milliseconds>(c.step_timeout, std::chrono::milliseconds(3000));
  return o;
}

StsFetchSettings sts_settings(const SenderConfig& c) {
  return StsFetchSettings{c.ca_file, c.source_address, 443, c.https_port_for, c.step_timeout};
}

// What one session knows about the recipient domain's MTA-STS state.
struct StsState {
  bool active = false;
  bool enforce = false;
  StsPolicy policy;
  PolicyId id = 0;
};

}  // namespace

// Sessions run concurrently: the network part of each is unlocked, the shared state (policy
// cache, aggregate) sits behind `shared`, and the resolver locks itself.
struct Sender::Impl {
  SenderConfig config;
  Resolver dns;
  StsCache sts;
  Aggregator agg;
  std::mutex shared;  // sts and agg
  ReportDelivery delivery;
  std::atomic<std::uint64_t> message_counter{0};
  Rng mx_order;  // RFC 5321 §5.1: spread sessions over MX hosts of equal preference

  explicit Impl(SenderConfig c)
      : config(std::move(c)),
        dns(resolver_options(config)),
        sts(sts_settings(config)),
        delivery(DeliverySettings{config.identity, config.personality, config.source_address,
                                  config.ehlo_name.empty() ? config.identity.sender_domain : config.ehlo_name,
                                  config.smtp_port_for, config.https_port_for, config.dkim_selector,
                                  config.dkim_private_key_pem, config.ca_file, config.step_timeout}),
        mx_order(Rng(config.seed).fork("mx-order")) {
    if (config.identity.sender_domain.empty()) throw std::invalid_argument("sender: the sender domain is empty");
    if (config.ehlo_name.empty()) config.ehlo_name = config.identity.sender_domain;
  }

  std::uint16_t smtp_port(const std::string& ip) const { return config.smtp_port_for ? config.smtp_port_for(ip) : 25; }

  PolicyId intern(const AppliedPolicy& p) {
    const std::lock_guard lock(shared);
    return agg.intern(p);
  }

  FailureKey key(ResultType type, const std::string& mx, const std::string& helo, const std::string& ip,
                 const std::string& reason) {
    const std::lock_guard lock(shared);
    return FailureKey{type, agg.intern(config.source_address), agg.intern(mx), agg.intern(helo), agg.intern(ip),
                      agg.intern(reason)};
  }

  void record(const SessionRecord& r) {
    const std::lock_guard lock(shared);
    agg.record(r);
  }

  void fail(SessionOutcome& out, PolicyId policy, UnixSeconds now, const FailureKey& k) {
    record(SessionRecord{policy, now, false, k});
    out.results.push_back(k.result);
    if (!out.result) out.result = k.result;
  }

  SmtpMessage message(const std::string& domain, UnixSeconds now) {
    const std::uint64_t n = ++message_counter;
    const std::string id = fmt::format("{}.{}@{}", now, n, config.identity.sender_domain);
    std::string data = fmt::format(
        "From: <sim@{0}>\r\nTo: <postmaster@{1}>\r\nSubject: tlsrpt-lab test message {2}\r\n"
        "Date: {3}\r\nMessage-ID: <{4}>\r\n\r\nTest message {2} from the simulated sender {0}.\r\n",
        config.identity.sender_domain, domain, n, format_rfc3339(now), id);
    return SmtpMessage{"sim@" + config.identity.sender_domain, "postmaster@" + domain, std::move(data)};
  }

  StsState discover_sts(const std::string& domain, UnixSeconds now, SessionOutcome& out) {
    StsState state;
    if (config.mode != SenderMode::mta_sts && config.mode != SenderMode::both) return state;
    const DnsAnswer txt = dns.query("_mta-sts." + domain, "TXT", now);
    StsLookup l;
    {
      const std::lock_guard lock(shared);  // one fetch per domain, not one per waiting session
      l = sts.lookup(domain, txt, dns, now);
    }
    std::vector<std::string> mx_patterns = l.policy ? l.policy->mx : std::vector<std::string>{};
    const PolicyId id = intern(AppliedPolicy{PolicyType::sts, domain, l.lines, mx_patterns, {}});
    if (l.failure) {
      // The peer of a fetch failure is the policy host (no MX was contacted yet).
      fail(out, id, now, key(*l.failure, "mta-sts." + domain, "", l.host_ip, l.reason));
      out.note += "MTA-STS policy: " + std::string(to_string(*l.failure)) + " (" + l.reason + "). ";
    }
    if (l.policy && l.policy->mode != StsMode::none) {
      state.active = true;
      state.enforce = l.policy->mode == StsMode::enforce;
      state.policy = *l.policy;
      state.id = id;
      out.note += "MTA-STS mode " + std::string(to_string(l.policy->mode)) + ". ";
    }
    return state;
  }

  // One MX host: policy checks, then the SMTP attempt. True when the message was delivered.
  bool try_mx(const std::string& domain, const MxHost& mx, bool mx_secure, const StsState& sts_state,
              UnixSeconds now, SessionOutcome& out) {
    MxAttempt att;
    att.mx_host = mx.host;
    auto done = [&](bool delivered) {
      att.delivered = delivered;
      out.attempts.push_back(std::move(att));
      return delivered;
    };
    DnsAnswer a = dns.query(mx.host, "A", now);
    if (!a.ok() || a.rdatas.empty()) {
      att.error = "no address for " + mx.host + " (" + std::string(to_string(a.outcome)) +
                  (a.reason.empty() ? "" : ": " + a.reason) + ")";
      return done(false);
    }
    att.ip = a.rdatas.front();
    if (sts_state.active && !policy_allows_mx(sts_state.policy, mx.host)) {
      // No dedicated result type (sender-rules.md §2.5): validation-failure, as mox and Stalwart.
      att.policy = "sts";
      att.result = ResultType::validation_failure;
      att.reason = "mx-not-in-mta-sts-policy";
      fail(out, sts_state.id, now, key(ResultType::validation_failure, mx.host, "", att.ip, att.reason));
      if (sts_state.enforce) {
        att.error = "MX host not listed in the enforced MTA-STS policy";
        return done(false);
      }
    }

    const bool dane_mode = config.mode == SenderMode::dane || config.mode == SenderMode::both;
    bool tlsa_committed = false;  // a secure, non-empty TLSA RRset: TLS is mandatory (RFC 7672 §2.2.3)
    TlsaSelection tlsa;
    PolicyId tlsa_id = 0;
    std::string tlsa_base = mx.host;
    if (dane_mode && mx_secure && a.security == DnssecStatus::secure) {
      // RFC 7672 §2.2.2: a securely CNAME-expanded MX host is tried as TLSA base domain first,
      // then the name from the MX record.
      std::optional<DnsAnswer> expanded;
      if (!a.canonical_name.empty() && a.canonical_name != mx.host) {
        expanded = dns.query("_25._tcp." + a.canonical_name, "TLSA", now);
        if (expanded->ok() && expanded->outcome == DnsOutcome::answer && expanded->security == DnssecStatus::secure)
          tlsa_base = a.canonical_name;
        else
          expanded.reset();
      }
      DnsAnswer t = expanded ? std::move(*expanded) : dns.query("_25._tcp." + mx.host, "TLSA", now);
      if (!t.ok()) {
        att.policy = "tlsa";
        att.result = ResultType::dnssec_invalid;
        att.reason = t.reason;
        fail(out, intern(AppliedPolicy{PolicyType::tlsa, mx.host, {}, {}, domain}), now,
             key(ResultType::dnssec_invalid, mx.host, "", att.ip, t.reason));
        att.error = "TLSA lookup failed: the MX is treated as unreachable (RFC 7672 §2.1.2)";
        return done(false);
      }
      if (t.outcome == DnsOutcome::answer && t.security == DnssecStatus::secure) {
        tlsa = select_usable_tlsa(t.rdatas);
        tlsa_committed = true;
        tlsa_id = intern(AppliedPolicy{PolicyType::tlsa, tlsa_base, tlsa.policy_strings, {}, domain});
      }
    }
    if (dane_mode && config.dane_required && !tlsa_committed) {
      att.policy = "tlsa";
      att.result = ResultType::dane_required;
      att.reason = mx_secure ? "no-dnssec-validated-tlsa" : "mx-rrset-insecure";
      fail(out, intern(AppliedPolicy{PolicyType::tlsa, mx.host, {}, {}, domain}), now,
           key(ResultType::dane_required, mx.host, "", att.ip, att.reason));
      att.error = "DANE is required and this MX has no DNSSEC-validated TLSA records";
      return done(false);
    }

    SmtpAttemptOptions o;
    o.mx_host = mx.host;
    o.address = att.ip;
    o.port = smtp_port(att.ip);
    o.source_address = config.source_address;
    o.ehlo_name = config.ehlo_name;
    o.step_timeout = config.step_timeout;
    o.message = message(domain, now);
    o.tls.sni = mx.host;
    o.tls.verify_time = now;
    PolicyId policy_id = intern(no_policy_found(domain));
    att.policy = "no-policy-found";
    const bool all_unusable = tlsa_committed && tlsa.usable.empty();
    if (tlsa_committed) {
      policy_id = tlsa_id;
      att.policy = "tlsa";
      o.require_tls = true;
      if (!all_unusable) {
        o.tls.auth = Authentication::dane;
        o.tls.tlsa = tlsa.usable;
        o.tls.sni = tlsa_base;  // RFC 7672 §8.1
        o.tls.names = {tlsa_base};
        if (tlsa_base != mx.host) o.tls.names.push_back(mx.host);  // §3.2.2: both names are acceptable
        if (mx_secure && domain != mx.host) o.tls.names.push_back(domain);
        o.require_auth = true;
      } else {
        att.result = ResultType::tlsa_invalid;
        att.reason = "all-TLSA-records-unusable";
        fail(out, policy_id, now, key(ResultType::tlsa_invalid, mx.host, "", att.ip, att.reason));
      }
    } else if (sts_state.active) {
      policy_id = sts_state.id;
      att.policy = "sts";
      o.tls.auth = Authentication::pkix;
      o.tls.ca_file = config.ca_file;
      o.require_tls = sts_state.enforce;
      o.require_auth = sts_state.enforce;
    }

    SmtpAttempt r = smtp_attempt(o);
    att.tls = r.tls;
    att.transcript = r.transcript;
    att.error = r.error;
    if (r.failure) {
      att.result = r.failure;
      att.reason = r.reason_code;
      const FailureKey k = key(*r.failure, mx.host, r.helo_name, r.peer_ip.empty() ? att.ip : r.peer_ip,
                               r.reason_code);
      if (all_unusable) {
        const std::lock_guard lock(shared);
        agg.add_detail(policy_id, now, k);  // the session already counted as a tlsa-invalid failure
        out.results.push_back(k.result);
      } else {
        fail(out, policy_id, now, k);
      }
    } else if (r.tls && !all_unusable) {
      record(SessionRecord{policy_id, now, true, {}});
    }
    bool delivered = r.delivered;
    // Opportunistic fallback after a failed handshake (testing mode, no policy): cleartext retry.
    if (!delivered && r.connected && !r.tls && r.failure == ResultType::validation_failure && !o.require_tls) {
      SmtpAttemptOptions clear = o;
      clear.starttls = false;
      SmtpAttempt again = smtp_attempt(clear);
      att.transcript.push_back("*: retrying in cleartext");
      att.transcript.insert(att.transcript.end(), again.transcript.begin(), again.transcript.end());
      delivered = again.delivered;
    }
    return done(delivered);
  }

  // Hosts arrive sorted by preference; a real MTA picks randomly among equals, so that a broken
  // host of the same preference as a healthy one still gets (and fails) its share of sessions.
  // The draw depends on the session (domain and time), not on which thread came first.
  void shuffle_equal_preference(std::vector<MxHost>& hosts, const std::string& domain, UnixSeconds now) {
    Rng rng = mx_order.fork(domain + "@" + std::to_string(now));
    for (std::size_t begin = 0; begin < hosts.size();) {
      std::size_t end = begin + 1;
      while (end < hosts.size() && hosts[end].preference == hosts[begin].preference) ++end;
      for (std::size_t i = end - 1; i > begin; --i)
        std::swap(hosts[i], hosts[begin + rng.below(i - begin + 1)]);
      begin = end;
    }
  }

  SessionOutcome run(const std::string& domain_in, UnixSeconds now) {
    SessionOutcome out;
    std::string domain = domain_in;
    for (char& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    StsState sts_state = discover_sts(domain, now, out);

    DnsAnswer mx = dns.query(domain, "MX", now);
    std::vector<MxHost> hosts;
    if (!mx.ok()) {
      const bool dane_mode = config.mode == SenderMode::dane || config.mode == SenderMode::both;
      if (dane_mode && mx.security == DnssecStatus::bogus) {
        fail(out, intern(no_policy_found(domain)), now,
             key(ResultType::dnssec_invalid, "", "", "", "mx-lookup: " + mx.reason));
      }
      out.deferred = true;
      out.note += "MX lookup failed (" + mx.reason + "): delivery is delayed. ";
      return out;
    }
    hosts = parse_mx(mx.rdatas);
    if (mx.outcome != DnsOutcome::answer) hosts = {MxHost{0, domain}};  // implicit MX (RFC 5321 §5.1)
    shuffle_equal_preference(hosts, domain, now);
    const bool mx_secure = mx.security == DnssecStatus::secure;
    for (const MxHost& h : hosts) {
      if (try_mx(domain, h, mx_secure, sts_state, now, out)) {
        out.delivered = true;
        out.note += "Delivered via " + h.host + ".";
        return out;
      }
    }
    out.deferred = true;
    out.note += "No MX accepted the message: it is deferred.";
    return out;
  }
};

Sender::Sender(SenderConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Sender::~Sender() = default;
Sender::Sender(Sender&&) noexcept = default;
Sender& Sender::operator=(Sender&&) noexcept = default;

SessionOutcome Sender::run_session(const std::string& recipient_domain, UnixSeconds now) {
  return impl_->run(recipient_domain, now);
}

std::vector<PackagedReport> Sender::end_of_day(std::int64_t utc_day, UnixSeconds now) {
  std::vector<PackagedReport> out;
  const std::lock_guard lock(impl_->shared);
  for (BuiltReport& r : build_reports(impl_->agg, utc_day, impl_->config.identity, impl_->config.personality,
                                      impl_->config.seed, now))
    out.push_back(package_report(std::move(r), impl_->config.identity, impl_->config.personality));
  impl_->agg.drop_day(utc_day);
  return out;
}

DeliveryOutcome Sender::deliver(const PackagedReport& report, UnixSeconds now) {
  return impl_->delivery.deliver(report, impl_->dns, now);
}

const SenderConfig& Sender::config() const { return impl_->config; }
Aggregator& Sender::aggregator() { return impl_->agg; }

}  // namespace tlsrpt::sim
