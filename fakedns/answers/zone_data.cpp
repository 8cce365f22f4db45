#include "fakedns/answers/zone_data.hpp"

#include <cctype>

namespace tlsrpt::fakedns::detail {

std::string canonical_key(const ldns_rdf* name) {
  const std::uint8_t* d = ldns_rdf_data(name);
  const std::size_t size = ldns_rdf_size(name);
  std::vector<std::pair<std::size_t, std::size_t>> labels;  // offset, length
  for (std::size_t i = 0; i < size && d[i] != 0; i += 1 + d[i]) labels.emplace_back(i + 1, d[i]);
  std::string key;
  key.reserve(size + 1);
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    for (std::size_t j = 0; j < it->second; ++j)
      key += static_cast<char>(std::tolower(d[it->first + j]));
    key += '\0';
  }
  return key;
}

ZoneData::ZoneData(const std::string& origin) : origin_(parse_dname(origin)) {
  node_for(origin_.get());
}

NameNode& ZoneData::node_for(const ldns_rdf* name) {
  const std::string key = canonical_key(name);
  auto it = nodes_.find(key);
  if (it != nodes_.end()) return it->second;
  names_pool_.emplace_back(ldns_rdf_clone(name));
  ldns_dname2canonical(names_pool_.back().get());
  NameNode& node = nodes_[key];
  node.name = names_pool_.back().get();
  // Every ancestor up to the apex exists too (as an empty non-terminal if it has no data).
  if (ldns_dname_compare(name, origin_.get()) != 0 && ldns_dname_is_subdomain(name, origin_.get())) {
    RdfPtr parent(ldns_dname_left_chop(name));
    if (parent) node_for(parent.get());
  }
  return node;
}

void ZoneData::add(RrPtr rr) {
  NameNode& node = node_for(ldns_rr_owner(rr.get()));
  RRset& set = node.sets[static_cast<std::uint16_t>(ldns_rr_get_type(rr.get()))];
  for (const ldns_rr* existing : set.rrs)
    if (ldns_rr_compare(existing, rr.get()) == 0) return;  // an RRset has no duplicates
  set.rrs.push_back(rr.get());
  pool_.push_back(std::move(rr));
}

void ZoneData::add_signature(RrPtr sig) {
  NameNode& node = node_for(ldns_rr_owner(sig.get()));
  const ldns_rdf* covered = ldns_rr_rrsig_typecovered(sig.get());
  const auto type = static_cast<std::uint16_t>(ldns_rdf2rr_type(covered));
  node.sets[type].sigs.push_back(sig.get());
  pool_.push_back(std::move(sig));
}

void ZoneData::finish_nsec_chain(std::uint32_t ttl) {
  std::vector<NameNode*> chain;
  for (auto& [key, node] : nodes_)
    if (!node.sets.empty()) chain.push_back(&node);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const NameNode& next = *chain[(i + 1) % chain.size()];
    std::string line = dname_text(chain[i]->name) + " " + std::to_string(ttl) + " IN NSEC " +
                       dname_text(next.name);
    for (const auto& [type, set] : chain[i]->sets)
      line += " " + take_string(ldns_rr_type2str(static_cast<ldns_rr_type>(type)));
    line += " RRSIG NSEC";
    ldns_rr* rr = nullptr;
    if (ldns_rr_new_frm_str(&rr, line.c_str(), ttl, nullptr, nullptr) == LDNS_STATUS_OK && rr)
      add(RrPtr(rr));
  }
}

const NameNode* ZoneData::find(const ldns_rdf* name) const {
  auto it = nodes_.find(canonical_key(name));
  return it == nodes_.end() ? nullptr : &it->second;
}

const RRset* ZoneData::rrset(const ldns_rdf* name, std::uint16_t type) const {
  const NameNode* node = find(name);
  if (!node) return nullptr;
  auto it = node->sets.find(type);
  return it == node->sets.end() || it->second.rrs.empty() ? nullptr : &it->second;
}

const RRset* ZoneData::soa() const { return rrset(origin_.get(), LDNS_RR_TYPE_SOA); }

const RRset* ZoneData::covering_nsec(const ldns_rdf* name) const {
  auto it = nodes_.upper_bound(canonical_key(name));
  while (it != nodes_.begin()) {
    --it;
    auto nsec = it->second.sets.find(LDNS_RR_TYPE_NSEC);
    if (nsec != it->second.sets.end() && !nsec->second.rrs.empty()) return &nsec->second;
  }
  return nullptr;
}

const ldns_rdf* ZoneData::closest_encloser(const ldns_rdf* name) const {
  RdfPtr cur(ldns_dname_left_chop(name));
  while (cur && ldns_dname_label_count(cur.get()) >= ldns_dname_label_count(origin_.get())) {
    if (const NameNode* node = find(cur.get())) return node->name;
    cur.reset(ldns_dname_left_chop(cur.get()));
  }
  return origin_.get();
}

}  // namespace tlsrpt::fakedns::detail
