#include "fakedns/answers/responder.hpp"

#include <algorithm>
#include <cstring>

#include "fakedns/answers/build.hpp"
#include "fakedns/answers/query.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

constexpr unsigned rcode_formerr = 1, rcode_servfail = 2, rcode_notimp = 4,
                   rcode_refused = 5;
constexpr std::size_t opt_size = 11;

void put16(std::vector<std::uint8_t>& out, std::size_t at, unsigned v) {
  out[at] = static_cast<std::uint8_t>(v >> 8);
  out[at + 1] = static_cast<std::uint8_t>(v);
}

// Makes a prebuilt answer (ID 0, lower-case question, OPT last) the answer to this query.
void adapt(std::vector<std::uint8_t>& out, const Query& q, std::span<const std::uint8_t> msg) {
  put16(out, 0, q.id);
  out[2] = static_cast<std::uint8_t>(out[2] | ((q.flags >> 8) & 0x01));  // RD
  out[3] = static_cast<std::uint8_t>(out[3] | (q.flags & 0x10));         // CD
  std::memcpy(out.data() + 12, msg.data() + 12, q.qname_size);            // the client's spelling
  put16(out, 12 + q.qname_size, q.qtype);
  if (!q.edns) {
    out.resize(out.size() - opt_size);
    put16(out, 10, ((out[10] << 8) | out[11]) - 1u);
  } else if (q.dnssec_ok) {
    out[out.size() - 4] |= 0x80;
  } else {
    out[out.size() - 4] &= 0x7F;
  }
}

bool ends_with_opt(const std::vector<std::uint8_t>& w) {
  return w.size() >= 12 + opt_size && w[w.size() - opt_size] == 0 && w[w.size() - opt_size + 1] == 0 &&
         w[w.size() - opt_size + 2] == 41;
}

std::size_t udp_limit(const Query& q) {
  return q.edns ? std::min<std::size_t>(q.udp_size, advertised_udp_size) : 512;
}

}  // namespace

ResponseInfo respond(const Snapshot& snap, FaultTable* faults, std::span<const std::uint8_t> msg,
                     Transport transport, std::vector<std::uint8_t>& out) {
  ResponseInfo info;
  Query q;
  const ParseStatus status = parse_query(msg, q);
  const std::uint8_t* question = msg.data() + 12;
  const std::size_t question_size = q.has_question ? q.question_end - 12 : 0;
  auto minimal = [&](unsigned rcode, bool aa, bool tc, unsigned ext = 0) {
    write_minimal_answer(out, q.id, q.flags, rcode, aa, tc, question, question_size, q.edns, q.dnssec_ok,
                         ext);
    info.rcode = rcode | (ext << 4);
    info.truncated = tc;
  };
  switch (status) {
    case ParseStatus::drop:
      info.send = false;
      return info;
    case ParseStatus::formerr:
      // A FORMERR echoes no question: the one we saw may be what is malformed.
      write_minimal_answer(out, q.id, q.flags, rcode_formerr, false, false, nullptr, 0, false, false);
      info.rcode = rcode_formerr;
      return info;
    case ParseStatus::notimp:
      write_minimal_answer(out, q.id, q.flags, rcode_notimp, false, false, nullptr, 0, false, false);
      info.rcode = rcode_notimp;
      return info;
    case ParseStatus::badvers:
      minimal(0, false, false, 1);
      return info;
    case ParseStatus::ok:
      break;
  }
  info.parsed = true;
  const std::string_view wire(reinterpret_cast<const char*>(q.lower.data()), q.qname_size);
  info.qname_wire.assign(wire);
  info.qtype = q.qtype;

  FaultEffect effect;
  if (faults) effect = faults->decide(wire, q.qtype, &info.faults);
  if (effect.drop) {
    info.send = false;
    return info;
  }
  info.delay = effect.delay;

  const ZoneAnswers* zone = snap.zone_for(wire);
  if (q.qclass != LDNS_RR_CLASS_IN || !zone || q.qtype == LDNS_RR_TYPE_AXFR || q.qtype == LDNS_RR_TYPE_IXFR) {
    minimal(rcode_refused, false, false);
  } else if (effect.rcode >= 0) {
    minimal(static_cast<unsigned>(effect.rcode), true, false);
  } else {
    const AnswerTemplate* tmpl = nullptr;
    if (!effect.nxdomain && q.qtype != LDNS_RR_TYPE_ANY) {
      auto name = snap.table.find(wire);
      if (name != snap.table.end()) {
        auto typed = name->second->by_type.find(q.qtype);
        if (typed != name->second->by_type.end()) tmpl = &typed->second;
        else if (name->second->nodata) tmpl = &*name->second->nodata;
      }
    }
    const std::vector<std::uint8_t>* prebuilt = tmpl ? (q.dnssec_ok ? &tmpl->secure : &tmpl->plain) : nullptr;
    if (prebuilt && ends_with_opt(*prebuilt)) {
      out.assign(prebuilt->begin(), prebuilt->end());
    } else {
      RdfPtr qname(ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, q.qname_size, question));
      out = build_answer(*zone->data, {qname.get(), q.qtype, true, q.dnssec_ok, effect.nxdomain});
      if (!ends_with_opt(out)) {
        minimal(rcode_servfail, false, false);
        return info;
      }
    }
    adapt(out, q, msg);
    info.rcode = out[3] & 0xF;
    const bool too_big = transport == Transport::udp && out.size() > udp_limit(q);
    if ((effect.truncate && transport == Transport::udp) || too_big) minimal(info.rcode, true, true);
  }
  if (effect.wrong_id) put16(out, 0, q.id ^ 0x5a5aU);
  return info;
}

}  // namespace tlsrpt::fakedns::detail
