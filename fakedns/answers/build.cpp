#include "fakedns/answers/build.hpp"

#include <cstdlib>

namespace tlsrpt::fakedns::detail {
namespace {

constexpr int max_cname_hops = 8;

void push_set(ldns_pkt* pkt, ldns_pkt_section section, const RRset& set, bool with_sigs) {
  for (const ldns_rr* rr : set.rrs) ldns_pkt_push_rr(pkt, section, ldns_rr_clone(rr));
  if (with_sigs)
    for (const ldns_rr* sig : set.sigs) ldns_pkt_push_rr(pkt, section, ldns_rr_clone(sig));
}

bool same_rrset(const RRset* a, const RRset* b) { return a && b && a->rrs == b->rrs; }

void push_denial(ldns_pkt* pkt, const ZoneData& zone, const ldns_rdf* name, bool nxdomain, bool dnssec) {
  if (const RRset* soa = zone.soa()) {
    // RFC 2308: the negative TTL is the SOA's minimum; serve the SOA with that TTL.
    for (const ldns_rr* rr : soa->rrs) {
      ldns_rr* copy = ldns_rr_clone(rr);
      const std::uint32_t minimum = ldns_rdf2native_int32(ldns_rr_rdf(rr, 6));
      if (minimum < ldns_rr_ttl(copy)) ldns_rr_set_ttl(copy, minimum);
      ldns_pkt_push_rr(pkt, LDNS_SECTION_AUTHORITY, copy);
    }
    if (dnssec)
      for (const ldns_rr* sig : soa->sigs) ldns_pkt_push_rr(pkt, LDNS_SECTION_AUTHORITY, ldns_rr_clone(sig));
  }
  if (!dnssec || !zone.is_signed()) return;
  const RRset* own = zone.covering_nsec(name);
  if (own) push_set(pkt, LDNS_SECTION_AUTHORITY, *own, true);
  if (!nxdomain) return;
  // No wildcard could have synthesised the name either.
  RdfPtr star(ldns_dname_new_frm_str("*"));
  RdfPtr wildcard(star ? ldns_dname_cat_clone(star.get(), zone.closest_encloser(name)) : nullptr);
  if (!wildcard) return;
  const RRset* wild = zone.covering_nsec(wildcard.get());
  if (wild && !same_rrset(wild, own)) push_set(pkt, LDNS_SECTION_AUTHORITY, *wild, true);
}

}  // namespace

std::vector<std::uint8_t> build_answer(const ZoneData& zone, const AnswerRequest& req) {
  PktPtr pkt(ldns_pkt_new());
  ldns_pkt_set_qr(pkt.get(), true);
  ldns_pkt_set_aa(pkt.get(), true);
  ldns_rr* question = ldns_rr_new();
  ldns_rr_set_owner(question, ldns_rdf_clone(req.qname));
  ldns_rr_set_type(question, static_cast<ldns_rr_type>(req.qtype));
  ldns_rr_set_class(question, LDNS_RR_CLASS_IN);
  ldns_rr_set_question(question, true);
  ldns_pkt_push_rr(pkt.get(), LDNS_SECTION_QUESTION, question);

  const bool dnssec = req.dnssec_ok && zone.is_signed();
  RdfPtr current(ldns_rdf_clone(req.qname));
  ldns_dname2canonical(current.get());
  for (int hop = 0; hop <= max_cname_hops; ++hop) {
    const NameNode* node = (req.force_nxdomain && hop == 0) ? nullptr : zone.find(current.get());
    if (!node) {
      ldns_pkt_set_rcode(pkt.get(), LDNS_RCODE_NXDOMAIN);
      push_denial(pkt.get(), zone, current.get(), true, dnssec);
      break;
    }
    if (req.qtype == LDNS_RR_TYPE_ANY) {
      for (const auto& [type, set] : node->sets) push_set(pkt.get(), LDNS_SECTION_ANSWER, set, dnssec);
      if (node->sets.empty()) push_denial(pkt.get(), zone, current.get(), false, dnssec);
      break;
    }
    if (const RRset* set = zone.rrset(current.get(), req.qtype)) {
      push_set(pkt.get(), LDNS_SECTION_ANSWER, *set, dnssec);
      break;
    }
    const RRset* cname = zone.rrset(current.get(), LDNS_RR_TYPE_CNAME);
    if (!cname) {
      push_denial(pkt.get(), zone, current.get(), false, dnssec);
      break;
    }
    push_set(pkt.get(), LDNS_SECTION_ANSWER, *cname, dnssec);
    const ldns_rdf* target = ldns_rr_rdf(cname->rrs.front(), 0);
    if (!ldns_dname_is_subdomain(target, zone.origin()) && ldns_dname_compare(target, zone.origin()) != 0)
      break;  // the chain leaves the zone: the resolver follows it
    current.reset(ldns_rdf_clone(target));
    ldns_dname2canonical(current.get());
  }

  if (req.edns) {
    ldns_pkt_set_edns_udp_size(pkt.get(), advertised_udp_size);
    ldns_pkt_set_edns_do(pkt.get(), req.dnssec_ok);
  }
  std::uint8_t* wire = nullptr;
  std::size_t size = 0;
  if (ldns_pkt2wire(&wire, pkt.get(), &size) != LDNS_STATUS_OK || !wire) return {};
  std::vector<std::uint8_t> out(wire, wire + size);
  std::free(wire);
  return out;
}

void write_minimal_answer(std::vector<std::uint8_t>& out, std::uint16_t id, std::uint16_t query_flags,
                          unsigned rcode, bool aa, bool tc, const std::uint8_t* question,
                          std::size_t question_size, bool edns, bool dnssec_ok, unsigned extended_rcode) {
  out.clear();
  std::uint16_t flags = static_cast<std::uint16_t>(0x8000 | (query_flags & 0x7910));  // QR, opcode, RD, CD
  if (aa) flags |= 0x0400;
  if (tc) flags |= 0x0200;
  flags |= static_cast<std::uint16_t>(rcode & 0xF);
  const auto put16 = [&](unsigned v) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
  };
  put16(id);
  put16(flags);
  put16(question_size ? 1 : 0);
  put16(0);
  put16(0);
  put16(edns ? 1 : 0);
  out.insert(out.end(), question, question + question_size);
  if (edns) {
    out.push_back(0);  // root
    put16(41);
    put16(advertised_udp_size);
    out.push_back(static_cast<std::uint8_t>(extended_rcode));
    out.push_back(0);  // version
    out.push_back(dnssec_ok ? 0x80 : 0);
    out.push_back(0);
    put16(0);
  }
}

}  // namespace tlsrpt::fakedns::detail
