// The DNS half of dkim_trust.hpp: one query per lookup with ldns, bounded by its timeout and
// retries, UDP with EDNS0 and TCP when the answer is truncated; answers are cached for their TTL
// (dkim_key_cache.hpp).
#include <stdexcept>

#include "fakemx/sink/dkim_key_cache.hpp"
#include "fakemx/sink/dkim_trust.hpp"
#include "fakemx/smtp/host_spec.hpp"
// Last: ldns's C headers define `bool` as a macro, which breaks C++ headers read after them.
#include "core/util/ldns_text.hpp"

namespace tlsrpt::fakemx::sink {

namespace {

TimedKey query_txt(const DnsKeySource& source, const std::string& name) {
  ldns::ResolverPtr resolver(ldns_resolver_new());
  ldns::Rdf server(ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, source.address.c_str()));
  ldns::Rdf owner(ldns_dname_new_frm_str(name.c_str()));
  if (!resolver || !server || !owner) return {};
  if (ldns_resolver_push_nameserver(resolver.get(), server.get()) != LDNS_STATUS_OK) return {};
  ldns_resolver_set_port(resolver.get(), source.port);
  const auto ms = source.timeout.count();
  ldns_resolver_set_timeout(resolver.get(), timeval{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>(ms % 1000 * 1000)});
  ldns_resolver_set_retry(resolver.get(), 2);
  ldns_resolver_set_edns_udp_size(resolver.get(), 4096);
  ldns_resolver_set_fallback(resolver.get(), true);
  ldns_resolver_set_recursive(resolver.get(), true);

  ldns::Pkt answer(ldns_resolver_query(resolver.get(), owner.get(), LDNS_RR_TYPE_TXT, LDNS_RR_CLASS_IN, LDNS_RD));
  if (!answer || ldns_pkt_get_rcode(answer.get()) != LDNS_RCODE_NOERROR) return {};
  ldns::OwnedList txt(ldns_pkt_rr_list_by_type(answer.get(), LDNS_RR_TYPE_TXT, LDNS_SECTION_ANSWER));
  if (!txt) return {};
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(txt.get()); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(txt.get(), i);
    std::string text;
    for (const std::string& part : ldns::txt_strings(rr)) text += part;
    if (text.find("p=") != std::string::npos) return {std::move(text), std::chrono::seconds(ldns_rr_ttl(rr))};
  }
  return {};
}

}  // namespace

DnsKeySource parse_dns_key_source(std::string_view text) {
  DnsKeySource source;
  std::uint16_t port = 0;
  try {
    smtp::parse_loopback_endpoint(text, source.address, port);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("the DKIM DNS server: ") + e.what());
  }
  if (port != 0) source.port = port;
  return source;
}

KeyLookup dns_key_lookup(DnsKeySource source) {
  return cached_key_lookup([source = std::move(source)](std::string_view selector, std::string_view domain) {
    return query_txt(source, std::string(selector) + "._domainkey." + std::string(domain) + ".");
  });
}

}  // namespace tlsrpt::fakemx::sink
