#include "sim/mta/dns/resolver.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/util/domain_text.hpp"
#include "sim/mta/dns/udp_exchange.hpp"  // before ldns, whose headers define `bool` as a macro
#include "core/util/ldns_text.hpp"

namespace tlsrpt::sim {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string absolute(std::string_view name) {
  std::string n = lower(name);
  if (n.empty() || n.back() != '.') n += '.';
  return n;
}

std::string rdf_text(const ldns_rdf* rdf) {
  char* s = ldns_rdf2str(rdf);
  std::string out = s ? s : "";
  free(s);  // NOLINT: ldns allocates with malloc
  return out;
}

std::string rdata_text(const ldns_rr* rr) {
  std::string out;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    if (i) out += ' ';
    out += rdf_text(ldns_rr_rdf(rr, i));
  }
  return out;
}

bool is_subdomain_or_equal(const std::string& name, const std::string& zone) {
  return name == zone || zone == "." || is_strict_subdomain(name, zone);
}

// ldns returns copies of the packet's RRs here: the list owns them.
ldns::OwnedList rrs_of(const ldns_pkt* p, ldns_pkt_section section, ldns_rr_type type) {
  return ldns::OwnedList(ldns_pkt_rr_list_by_type(p, type, section));
}

struct ZoneKeys {
  ldns::OwnedList keys;  // the validated DNSKEY RRset
  std::string error;     // non-empty: bogus
  UnixSeconds expires = 0;
};
using ZoneKeysPtr = std::shared_ptr<const ZoneKeys>;  // in use by a query while the cache moves on

struct FreeWire { void operator()(std::uint8_t* p) const { free(p); } };  // NOLINT: ldns mallocs

struct CacheEntry {
  DnsAnswer answer;
  UnixSeconds expires = 0;
};

}  // namespace

std::string_view to_string(DnssecStatus s) {
  switch (s) {
    case DnssecStatus::secure: return "secure";
    case DnssecStatus::insecure: return "insecure";
    case DnssecStatus::bogus: return "bogus";
  }
  return "?";
}

std::string_view to_string(DnsOutcome o) {
  switch (o) {
    case DnsOutcome::answer: return "answer";
    case DnsOutcome::nodata: return "nodata";
    case DnsOutcome::nxdomain: return "nxdomain";
    case DnsOutcome::error: return "error";
  }
  return "?";
}

// Queries run concurrently (sessions share the sender's resolver): the network part of each is
// unlocked, the answer cache and the zone keys have locks of their own.
struct Resolver::Impl {
  ResolverOptions options;
  ldns::Rdf source;  // outlives `tcp`, which only points at it
  ldns::ResolverPtr queries;  // builds the query packets; never sends, so it is shared unlocked
  ldns::ResolverPtr tcp;      // asks again over TCP when a UDP reply is truncated
  std::mutex tcp_mutex;
  dns::UdpExchange udp;
  std::vector<ldns::Rr> anchors;
  std::vector<std::string> anchor_zones;  // absolute, lower case, parallel to anchors
  std::map<std::string, ZoneKeysPtr> zone_keys;
  std::mutex keys_mutex;  // zone_keys; held while a zone's DNSKEY RRset is fetched
  std::map<std::string, CacheEntry> cache;
  std::mutex cache_mutex;

  explicit Impl(ResolverOptions o)
      : options(std::move(o)), udp(options.server, options.port, options.source_address) {
    queries = make_ldns_resolver(false);
    tcp = make_ldns_resolver(true);
    for (const std::string& text : options.trust_anchors) {
      ldns_rr* rr = nullptr;
      if (ldns_rr_new_frm_str(&rr, text.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK || !rr ||
          (ldns_rr_get_type(rr) != LDNS_RR_TYPE_DS && ldns_rr_get_type(rr) != LDNS_RR_TYPE_DNSKEY)) {
        if (rr) ldns_rr_free(rr);
        throw std::invalid_argument("resolver: trust anchor is not a DS or DNSKEY record: " + text);
      }
      anchor_zones.push_back(absolute(rdf_text(ldns_rr_owner(rr))));
      anchors.emplace_back(rr);
    }
  }

  ldns::ResolverPtr make_ldns_resolver(bool use_tcp) {
    ldns::ResolverPtr res(ldns_resolver_new());
    if (!res) throw std::runtime_error("resolver: out of memory");
    const bool v6 = options.server.find(':') != std::string::npos;
    ldns::Rdf ns(ldns_rdf_new_frm_str(v6 ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, options.server.c_str()));
    if (!ns) throw std::invalid_argument("resolver: bad server address " + options.server);
    ldns_resolver_push_nameserver(res.get(), ns.get());
    if (!options.source_address.empty()) {
      const bool s6 = options.source_address.find(':') != std::string::npos;
      if (!source)
        source.reset(ldns_rdf_new_frm_str(s6 ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, options.source_address.c_str()));
      if (!source) throw std::invalid_argument("resolver: bad source address " + options.source_address);
      ldns_resolver_set_source(res.get(), source.get());
    }
    ldns_resolver_set_port(res.get(), options.port);
    const auto ms = options.timeout.count();
    ldns_resolver_set_timeout(res.get(), timeval{static_cast<time_t>(ms / 1000),
                                                 static_cast<suseconds_t>((ms % 1000) * 1000)});
    ldns_resolver_set_retry(res.get(), static_cast<std::uint8_t>(std::clamp(options.attempts, 1, 10)));
    ldns_resolver_set_retrans(res.get(), 0);
    ldns_resolver_set_dnssec(res.get(), true);     // DO bit: we want the RRSIGs
    ldns_resolver_set_dnssec_cd(res.get(), true);  // and we validate ourselves
    ldns_resolver_set_usevc(res.get(), use_tcp);
    ldns_resolver_set_recursive(res.get(), false);
    ldns_resolver_set_edns_udp_size(res.get(), 1232);
    return res;
  }

  // The longest anchored zone containing `name`, or "" when the name is under no anchor.
  std::string anchor_for(const std::string& name) const {
    std::string best;
    for (const auto& z : anchor_zones)
      if (is_subdomain_or_equal(name, z) && z.size() > best.size()) best = z;
    return best;
  }

  // Sends one query over UDP, over TCP when the reply is truncated; nullptr with `error` set when
  // nothing usable came back.
  ldns::Pkt send(const std::string& name, ldns_rr_type type, std::string& error) {
    ldns::Rdf dname(ldns_dname_new_frm_str(name.c_str()));
    if (!dname) {
      error = "not a domain name: " + name;
      return nullptr;
    }
    ldns_pkt* raw_query = nullptr;
    ldns_status st = ldns_resolver_prepare_query_pkt(&raw_query, queries.get(), dname.get(), type, LDNS_RR_CLASS_IN, 0);
    const ldns::Pkt query(raw_query);
    std::uint8_t* raw_wire = nullptr;
    std::size_t wire_size = 0;
    if (st == LDNS_STATUS_OK) st = ldns_pkt2wire(&raw_wire, query.get(), &wire_size);
    const std::unique_ptr<std::uint8_t, FreeWire> wire(raw_wire);
    if (st != LDNS_STATUS_OK) {
      error = ldns_get_errorstr_by_id(st);
      return nullptr;
    }
    const auto reply = udp.exchange({wire.get(), wire_size}, options.timeout, options.attempts, error);
    if (!reply) return nullptr;
    ldns_pkt* raw = nullptr;
    st = ldns_wire2pkt(&raw, reply->data(), reply->size());
    ldns::Pkt p(raw);
    if (st != LDNS_STATUS_OK || !p) {
      error = ldns_get_errorstr_by_id(st);
      return nullptr;
    }
    if (ldns_pkt_tc(p.get())) return send_tcp(dname.get(), type, error);
    return p;
  }

  ldns::Pkt send_tcp(const ldns_rdf* dname, ldns_rr_type type, std::string& error) {
    ldns_pkt* raw = nullptr;
    ldns_status st = LDNS_STATUS_OK;
    {
      const std::lock_guard lock(tcp_mutex);
      st = ldns_resolver_send(&raw, tcp.get(), dname, type, LDNS_RR_CLASS_IN, 0);
    }
    ldns::Pkt p(raw);
    if (st != LDNS_STATUS_OK || !p) {
      error = st == LDNS_STATUS_NETWORK_ERR || st == LDNS_STATUS_RES_NO_NS ? "timeout (no reply from " +
                                                                                 options.server + ")"
                                                                           : ldns_get_errorstr_by_id(st);
      return nullptr;
    }
    return p;
  }

  ZoneKeysPtr keys_for(const std::string& zone, UnixSeconds now) {
    const std::lock_guard lock(keys_mutex);
    auto it = zone_keys.find(zone);
    if (it != zone_keys.end() && it->second->expires > now) return it->second;
    auto fresh = std::make_shared<ZoneKeys>();
    ZoneKeys& zk = *fresh;
    zk.expires = now + 60;
    std::string error;
    ldns::Pkt p = send(zone, LDNS_RR_TYPE_DNSKEY, error);
    if (!p) {
      zk.error = "DNSKEY lookup for " + zone + " failed: " + error;
    } else {
      ldns::OwnedList keys = rrs_of(p.get(), LDNS_SECTION_ANSWER, LDNS_RR_TYPE_DNSKEY);
      ldns::OwnedList sigs = rrs_of(p.get(), LDNS_SECTION_ANSWER, LDNS_RR_TYPE_RRSIG);
      ldns::ViewList trusted(ldns_rr_list_new());
      for (std::size_t i = 0; keys && i < ldns_rr_list_rr_count(keys.get()); ++i) {
        ldns_rr* key = ldns_rr_list_rr(keys.get(), i);
        for (std::size_t a = 0; a < anchors.size(); ++a) {
          if (anchor_zones[a] != zone) continue;
          const ldns_rr* anchor = anchors[a].get();
          const bool match = ldns_rr_get_type(anchor) == LDNS_RR_TYPE_DS ? ldns_rr_compare_ds(anchor, key)
                                                                         : ldns_rr_compare(anchor, key) == 0;
          if (match) ldns_rr_list_push_rr(trusted.get(), key);
        }
      }
      if (!keys || ldns_rr_list_rr_count(keys.get()) == 0) {
        zk.error = "no DNSKEY RRset at " + zone;
      } else if (ldns_rr_list_rr_count(trusted.get()) == 0) {
        zk.error = "no DNSKEY at " + zone + " matches the trust anchor";
      } else if (!sigs) {
        zk.error = "DNSKEY RRset at " + zone + " is unsigned";
      } else {
        const ldns_status st = ldns_verify_time(keys.get(), sigs.get(), trusted.get(), now, nullptr);
        if (st != LDNS_STATUS_OK) {
          zk.error = std::string("DNSKEY RRset at ") + zone + ": " + ldns_get_errorstr_by_id(st);
        } else {
          zk.keys.reset(ldns_rr_list_clone(keys.get()));
          zk.expires = now + std::max<UnixSeconds>(1, ldns_rr_ttl(ldns_rr_list_rr(keys.get(), 0)));
        }
      }
    }
    return zone_keys[zone] = std::move(fresh);
  }

  // Checks every RRset of the answer section (a CNAME chain has several) against the zone keys.
  std::string verify_answer(const ldns_pkt* p, const ldns_rr_list* keys, UnixSeconds now) {
    const ldns_rr_list* all = ldns_pkt_answer(p);
    ldns::OwnedList sigs = rrs_of(p, LDNS_SECTION_ANSWER, LDNS_RR_TYPE_RRSIG);
    std::vector<std::pair<std::string, ldns_rr_type>> done;
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(all); ++i) {
      const ldns_rr* rr = ldns_rr_list_rr(all, i);
      const ldns_rr_type t = ldns_rr_get_type(rr);
      if (t == LDNS_RR_TYPE_RRSIG) continue;
      const std::string owner = absolute(rdf_text(ldns_rr_owner(rr)));
      if (std::find(done.begin(), done.end(), std::pair{owner, t}) != done.end()) continue;
      done.emplace_back(owner, t);
      ldns::OwnedList rrset(ldns_pkt_rr_list_by_name_and_type(p, ldns_rr_owner(rr), t, LDNS_SECTION_ANSWER));
      if (!sigs) return "no RRSIG for " + owner;
      const ldns_status st = ldns_verify_time(rrset.get(), sigs.get(), keys, now, nullptr);
      if (st != LDNS_STATUS_OK) return owner + ": " + ldns_get_errorstr_by_id(st);
    }
    return {};
  }

  // A negative answer is secure when signed NSEC records deny the name or type.
  std::string verify_denial(const ldns_pkt* p, const std::string& name, ldns_rr_type type,
                            const ldns_rr_list* keys, UnixSeconds now) {
    ldns::OwnedList nsecs = rrs_of(p, LDNS_SECTION_AUTHORITY, LDNS_RR_TYPE_NSEC);
    ldns::OwnedList sigs = rrs_of(p, LDNS_SECTION_AUTHORITY, LDNS_RR_TYPE_RRSIG);
    if (!nsecs || ldns_rr_list_rr_count(nsecs.get()) == 0) return "negative answer without NSEC records";
    if (!sigs) return "negative answer without RRSIGs";
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(nsecs.get()); ++i) {
      ldns::ViewList one(ldns_rr_list_new());
      ldns_rr_list_push_rr(one.get(), ldns_rr_list_rr(nsecs.get(), i));
      const ldns_status st = ldns_verify_time(one.get(), sigs.get(), keys, now, nullptr);
      if (st != LDNS_STATUS_OK) return std::string("NSEC: ") + ldns_get_errorstr_by_id(st);
    }
    ldns::Rr question(ldns_rr_new());
    ldns_rr_set_owner(question.get(), ldns_dname_new_frm_str(name.c_str()));
    ldns_rr_set_type(question.get(), type);
    const ldns_status st = ldns_dnssec_verify_denial(question.get(), nsecs.get(), sigs.get());
    if (st != LDNS_STATUS_OK) return std::string("denial of existence: ") + ldns_get_errorstr_by_id(st);
    return {};
  }

  std::uint32_t negative_ttl(const ldns_pkt* p) {
    ldns::OwnedList soa = rrs_of(p, LDNS_SECTION_AUTHORITY, LDNS_RR_TYPE_SOA);
    if (!soa || ldns_rr_list_rr_count(soa.get()) == 0) return 60;
    const ldns_rr* rr = ldns_rr_list_rr(soa.get(), 0);
    std::uint32_t ttl = ldns_rr_ttl(rr);
    if (ldns_rr_rd_count(rr) >= 7) ttl = std::min(ttl, ldns_rdf2native_int32(ldns_rr_rdf(rr, 6)));
    return ttl;
  }

  DnsAnswer resolve(const std::string& name, std::string_view type_name, UnixSeconds now) {
    DnsAnswer out;
    const ldns_rr_type type = ldns_get_rr_type_by_name(std::string(type_name).c_str());
    if (type == 0) {
      out.reason = "unknown record type " + std::string(type_name);
      return out;
    }
    std::string error;
    ldns::Pkt p = send(name, type, error);
    if (!p) {
      out.reason = error;
      return out;
    }
    const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(p.get());
    if (rcode != LDNS_RCODE_NOERROR && rcode != LDNS_RCODE_NXDOMAIN) {
      const ldns_lookup_table* lt = ldns_lookup_by_id(ldns_rcodes, rcode);
      out.reason = lt ? lt->name : "RCODE " + std::to_string(rcode);
      return out;
    }
    ldns::OwnedList wanted = rrs_of(p.get(), LDNS_SECTION_ANSWER, type);
    const std::size_t n = wanted ? ldns_rr_list_rr_count(wanted.get()) : 0;
    if (rcode == LDNS_RCODE_NXDOMAIN) {
      out.outcome = DnsOutcome::nxdomain;
    } else {
      out.outcome = n ? DnsOutcome::answer : DnsOutcome::nodata;
    }
    out.ttl = n ? ldns_rr_ttl(ldns_rr_list_rr(wanted.get(), 0)) : negative_ttl(p.get());
    if (n) {
      out.canonical_name = absolute(rdf_text(ldns_rr_owner(ldns_rr_list_rr(wanted.get(), 0))));
      out.canonical_name.pop_back();
    }
    for (std::size_t i = 0; i < n; ++i) {
      const ldns_rr* rr = ldns_rr_list_rr(wanted.get(), i);
      out.ttl = std::min(out.ttl, ldns_rr_ttl(rr));
      out.rdatas.push_back(rdata_text(rr));
      if (type == LDNS_RR_TYPE_TXT) out.txt.push_back(ldns::txt_strings(rr));
    }
    const std::string zone = anchor_for(name);
    if (zone.empty()) {
      out.security = DnssecStatus::insecure;
      return out;
    }
    const ZoneKeysPtr zk = keys_for(zone, now);
    std::string why = zk->error;
    if (why.empty()) {
      why = out.outcome == DnsOutcome::answer ? verify_answer(p.get(), zk->keys.get(), now)
                                              : verify_denial(p.get(), name, type, zk->keys.get(), now);
    }
    out.security = why.empty() ? DnssecStatus::secure : DnssecStatus::bogus;
    out.reason = why;
    return out;
  }
};

Resolver::Resolver(ResolverOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Resolver::~Resolver() = default;
Resolver::Resolver(Resolver&&) noexcept = default;
Resolver& Resolver::operator=(Resolver&&) noexcept = default;

DnsAnswer Resolver::query(std::string_view name, std::string_view type, UnixSeconds now) {
  const std::string qname = absolute(name);
  const std::string key = qname + "/" + lower(type);
  if (impl_->options.cache) {
    const std::lock_guard lock(impl_->cache_mutex);
    auto it = impl_->cache.find(key);
    if (it != impl_->cache.end() && it->second.expires > now) {
      DnsAnswer a = it->second.answer;
      a.from_cache = true;
      return a;
    }
  }
  DnsAnswer a = impl_->resolve(qname, type, now);
  if (impl_->options.cache && a.outcome != DnsOutcome::error && a.ttl > 0) {
    const std::lock_guard lock(impl_->cache_mutex);
    impl_->cache[key] = CacheEntry{a, now + a.ttl};
  }
  return a;
}

void Resolver::clear_cache() {
  {
    const std::lock_guard lock(impl_->cache_mutex);
    impl_->cache.clear();
  }
  const std::lock_guard lock(impl_->keys_mutex);
  impl_->zone_keys.clear();
}

std::vector<MxHost> parse_mx(const std::vector<std::string>& rdatas) {
  std::vector<MxHost> out;
  for (const std::string& r : rdatas) {
    const auto space = r.find(' ');
    if (space == std::string::npos) continue;
    MxHost mx;
    try {
      mx.preference = static_cast<std::uint16_t>(std::stoul(r.substr(0, space)));
    } catch (const std::exception&) {
      continue;
    }
    mx.host = lower(r.substr(space + 1));
    if (!mx.host.empty() && mx.host.back() == '.') mx.host.pop_back();
    out.push_back(std::move(mx));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MxHost& a, const MxHost& b) { return a.preference < b.preference; });
  return out;
}

}  // namespace tlsrpt::sim
