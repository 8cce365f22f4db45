#include "fakedns/answers/snapshot.hpp"

#include <cctype>
#include <set>

#include "fakedns/answers/build.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

AnswerTemplate make_template(const ZoneData& zone, const ldns_rdf* name, std::uint16_t type) {
  AnswerTemplate t;
  t.plain = build_answer(zone, {name, type, true, false, false});
  t.secure = zone.is_signed() ? build_answer(zone, {name, type, true, true, false}) : t.plain;
  return t;
}

// A type no zone holds, used to build the "any other type" NODATA answer.
constexpr std::uint16_t absent_type = 65280;

}  // namespace

std::string wire_name(const ldns_rdf* name) {
  std::string s(reinterpret_cast<const char*>(ldns_rdf_data(name)), ldns_rdf_size(name));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::shared_ptr<const ZoneAnswers> precompute(std::unique_ptr<ZoneData> data, TrustAnchor anchor) {
  auto zone = std::make_shared<ZoneAnswers>();
  zone->origin_wire = wire_name(data->origin());
  std::set<std::uint16_t> all_types;
  for (const auto& [key, node] : data->nodes())
    for (const auto& [type, set] : node.sets)
      if (!set.rrs.empty()) all_types.insert(type);
  for (const auto& [key, node] : data->nodes()) {
    NameAnswers& answers = zone->names[wire_name(node.name)];
    const bool cname = node.sets.count(LDNS_RR_TYPE_CNAME) > 0;
    for (const std::uint16_t type : all_types)
      if (cname || (node.sets.count(type) && !node.sets.at(type).rrs.empty()))
        answers.by_type.emplace(type, make_template(*data, node.name, type));
    if (!cname) answers.nodata = make_template(*data, node.name, absent_type);
  }
  zone->data = std::move(data);
  zone->anchor = std::move(anchor);
  return zone;
}

const ZoneAnswers* Snapshot::zone_for(std::string_view wire) const {
  const ZoneAnswers* best = nullptr;
  for (const auto& zone : zones) {
    const std::string& origin = zone->origin_wire;
    if (origin.size() > wire.size()) continue;
    if (best && best->origin_wire.size() >= origin.size()) continue;
    // The origin must match a suffix that starts at a label boundary.
    const std::size_t start = wire.size() - origin.size();
    std::size_t at = 0;
    while (at < start) at += 1u + static_cast<unsigned char>(wire[at]);
    if (at == start && wire.substr(start) == origin) best = zone.get();
  }
  return best;
}

std::shared_ptr<const Snapshot> make_snapshot(std::vector<std::shared_ptr<const ZoneAnswers>> zones) {
  auto snap = std::make_shared<Snapshot>();
  snap->zones = std::move(zones);
  for (const auto& zone : snap->zones)
    for (const auto& [name, answers] : zone->names) {
      // A name can sit in two zones (a parent and a child zone's apex): the deeper zone answers.
      const ZoneAnswers* owner = snap->zone_for(name);
      if (owner == zone.get()) snap->table[name] = &answers;
    }
  return snap;
}

}  // namespace tlsrpt::fakedns::detail
