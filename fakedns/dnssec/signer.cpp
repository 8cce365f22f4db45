#include "fakedns/dnssec/signer.hpp"

#include <ctime>
#include <stdexcept>
#include <vector>

#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

constexpr std::uint32_t dnskey_ttl = 3600;

KeyPtr make_key(const std::string& origin, std::uint16_t flags) {
  KeyPtr key(ldns_key_new_frm_algorithm(LDNS_SIGN_ECDSAP256SHA256, 256));
  if (!key) throw std::runtime_error("cannot generate an ECDSA P-256 key");
  ldns_key_set_pubkey_owner(key.get(), parse_dname(origin).release());
  ldns_key_set_flags(key.get(), flags);
  RrPtr rr(ldns_key2rr(key.get()));
  if (!rr) throw std::runtime_error("cannot encode a DNSKEY");
  ldns_key_set_keytag(key.get(), ldns_calc_keytag(rr.get()));
  return key;
}

RrPtr dnskey_rr(ldns_key* key) {
  RrPtr rr(ldns_key2rr(key));
  ldns_rr_set_ttl(rr.get(), dnskey_ttl);
  return rr;
}

std::uint32_t soa_minimum_ttl(const ZoneData& data) {
  const RRset* soa = data.soa();
  if (!soa) return 300;
  const ldns_rr* rr = soa->rrs.front();
  const std::uint32_t minimum = ldns_rdf2native_int32(ldns_rr_rdf(rr, 6));
  return std::min(minimum, ldns_rr_ttl(rr));
}

void sign_rrsets(ZoneData& data, const ZoneKeys& keys) {
  KeyListPtr ksk_list(ldns_key_list_new());
  KeyListPtr zsk_list(ldns_key_list_new());
  ldns_key_list_push_key(ksk_list.get(), keys.ksk());
  ldns_key_list_push_key(zsk_list.get(), keys.zsk());
  std::vector<RrPtr> signatures;
  for (auto& [key, node] : data.nodes())
    for (auto& [type, set] : node.sets) {
      if (set.rrs.empty()) continue;
      RrListPtr rrset(ldns_rr_list_new());
      for (ldns_rr* rr : set.rrs) ldns_rr_list_push_rr(rrset.get(), ldns_rr_clone(rr));
      ldns_key_list* signers = type == LDNS_RR_TYPE_DNSKEY ? ksk_list.get() : zsk_list.get();
      RrListPtr sigs(ldns_sign_public(rrset.get(), signers));
      if (!sigs) throw std::runtime_error("signing " + dname_text(node.name) + " failed");
      while (ldns_rr_list_rr_count(sigs.get()) > 0) signatures.emplace_back(ldns_rr_list_pop_rr(sigs.get()));
    }
  for (auto& sig : signatures) data.add_signature(std::move(sig));
  // The key lists only borrow the keys.
  ldns_key_list_set_key_count(ksk_list.get(), 0);
  ldns_key_list_set_key_count(zsk_list.get(), 0);
}

}  // namespace

ZoneKeys::ZoneKeys(const std::string& origin)
    : ksk_(make_key(origin, LDNS_KEY_ZONE_KEY | LDNS_KEY_SEP_KEY)), zsk_(make_key(origin, LDNS_KEY_ZONE_KEY)) {}

BuiltZone build_zone(const Zone& zone, const DnssecOptions& options, const ZoneKeys& keys) {
  std::vector<std::unique_ptr<Breakage>> breakages;
  for (const auto& spec : options.breakages) breakages.push_back(make_breakage(spec));

  SigningPlan plan;
  plan.sign = options.sign;
  plan.now = options.now ? options.now : static_cast<std::int64_t>(std::time(nullptr));
  plan.inception = options.inception ? options.inception : plan.now - 3600;
  plan.expiration = options.expiration ? options.expiration : plan.now + 30 * 86400;
  for (const auto& b : breakages) b->before_signing(plan);

  BuiltZone built;
  built.data = std::make_unique<ZoneData>(zone.origin());
  ZoneData& data = *built.data;
  for (const auto& record : zone.records()) {
    RrPtr rr = parse_record(record);
    const auto type = ldns_rr_get_type(rr.get());
    if (type == LDNS_RR_TYPE_RRSIG || type == LDNS_RR_TYPE_NSEC || type == LDNS_RR_TYPE_NSEC3 ||
        (plan.sign && type == LDNS_RR_TYPE_DNSKEY))
      continue;  // DNSSEC records are ours to make
    data.add(std::move(rr));
  }
  if (!plan.sign) return built;

  data.add(dnskey_rr(keys.ksk()));
  data.add(dnskey_rr(keys.zsk()));
  data.finish_nsec_chain(soa_minimum_ttl(data));
  for (ldns_key* key : {keys.ksk(), keys.zsk()}) {
    ldns_key_set_inception(key, static_cast<std::uint32_t>(plan.inception));
    ldns_key_set_expiration(key, static_cast<std::uint32_t>(plan.expiration));
  }
  sign_rrsets(data, keys);
  data.set_signed(true);
  for (const auto& b : breakages) b->after_signing(data);

  RrPtr ksk = dnskey_rr(keys.ksk());
  RrPtr ds(ldns_key_rr2ds(ksk.get(), LDNS_SHA256));
  if (!ds) throw std::runtime_error("cannot compute the DS of " + zone.origin());
  ldns_rr_set_ttl(ds.get(), dnskey_ttl);
  for (const auto& b : breakages) b->on_exported_ds(*ds);
  built.anchor.zone = zone.origin();
  built.anchor.ds = rr_to_string(ds.get());
  built.anchor.dnskey = rr_to_string(ksk.get());
  return built;
}

}  // namespace tlsrpt::fakedns::detail
