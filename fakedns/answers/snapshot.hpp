// The immutable state the responder answers from: every zone's data plus answers precomputed in
// wire form for every (name, type) the zones hold. A change builds a new snapshot and swaps it in;
// readers never lock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fakedns/answers/zone_data.hpp"
#include "fakedns/dnssec.hpp"

namespace tlsrpt::fakedns::detail {

// A precomputed answer, built with an OPT record as its last record. `secure` has the DNSSEC
// records for DO=1 queries (the same bytes as `plain` for an unsigned zone).
struct AnswerTemplate {
  std::vector<std::uint8_t> plain;
  std::vector<std::uint8_t> secure;
};

struct NameAnswers {
  std::unordered_map<std::uint16_t, AnswerTemplate> by_type;
  std::optional<AnswerTemplate> nodata;  // any other type (absent for a CNAME owner)
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// One zone, built and precomputed.
struct ZoneAnswers {
  std::unique_ptr<ZoneData> data;
  TrustAnchor anchor;
  std::string origin_wire;  // lower-case wire form of the origin
  std::unordered_map<std::string, NameAnswers, StringHash, std::equal_to<>> names;  // by wire name
};

std::shared_ptr<const ZoneAnswers> precompute(std::unique_ptr<ZoneData> data, TrustAnchor anchor);

struct Snapshot {
  std::vector<std::shared_ptr<const ZoneAnswers>> zones;
  std::unordered_map<std::string_view, const NameAnswers*, StringHash, std::equal_to<>> table;

  // The zone with the longest origin that contains the lower-case wire name, or null.
  const ZoneAnswers* zone_for(std::string_view wire_name) const;
};

std::shared_ptr<const Snapshot> make_snapshot(std::vector<std::shared_ptr<const ZoneAnswers>> zones);

// Lower-case wire form of a name.
std::string wire_name(const ldns_rdf* name);

}  // namespace tlsrpt::fakedns::detail
