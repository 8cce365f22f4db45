// A zone as the responder sees it: records grouped into RRsets per name, in canonical DNSSEC order,
// with their signatures and NSEC records when the zone is signed. Immutable once built.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fakedns/ldns_util.hpp"

namespace tlsrpt::fakedns::detail {

struct RRset {
  std::vector<ldns_rr*> rrs;   // owned by ZoneData::pool_
  std::vector<ldns_rr*> sigs;  // RRSIGs covering this set (empty when unsigned or stripped)
};

struct NameNode {
  ldns_rdf* name = nullptr;            // owned by ZoneData::names_pool_
  std::map<std::uint16_t, RRset> sets;  // by type; empty for an empty non-terminal
};

// Canonical (RFC 4034 6.1) ordering key of a name: labels right to left, lower case, each ended by 0.
std::string canonical_key(const ldns_rdf* name);

class ZoneData {
 public:
  explicit ZoneData(const std::string& origin);
  ZoneData(const ZoneData&) = delete;
  ZoneData& operator=(const ZoneData&) = delete;

  void add(RrPtr rr);             // a data record (adds empty non-terminals on the way to the apex)
  void add_signature(RrPtr sig);  // an RRSIG: attached to the set it covers
  void finish_nsec_chain(std::uint32_t ttl);  // builds NSEC records for every name with data

  const ldns_rdf* origin() const { return origin_.get(); }
  const std::map<std::string, NameNode>& nodes() const { return nodes_; }
  std::map<std::string, NameNode>& nodes() { return nodes_; }
  const NameNode* find(const ldns_rdf* name) const;
  const RRset* rrset(const ldns_rdf* name, std::uint16_t type) const;
  const RRset* soa() const;
  // The NSEC whose owner is the name or the closest name before it (the one that covers it).
  const RRset* covering_nsec(const ldns_rdf* name) const;
  // The longest existing ancestor of a name that does not exist (RFC 5155's closest encloser).
  const ldns_rdf* closest_encloser(const ldns_rdf* name) const;
  bool is_signed() const { return signed_; }
  void set_signed(bool s) { signed_ = s; }

 private:
  NameNode& node_for(const ldns_rdf* name);

  RdfPtr origin_;
  std::map<std::string, NameNode> nodes_;
  std::vector<RrPtr> pool_;
  std::vector<RdfPtr> names_pool_;
  bool signed_ = false;
};

}  // namespace tlsrpt::fakedns::detail
