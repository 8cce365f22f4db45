// A deliberate DNSSEC breakage (one file each, registered by a stable name in registry.cpp).
// A breakage can change the signing plan before signing, the signed data after it, or the DS the
// trust anchor exports.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "fakedns/answers/zone_data.hpp"

namespace tlsrpt::fakedns::detail {

struct SigningPlan {
  bool sign = true;
  std::int64_t now = 0;
  std::int64_t inception = 0;
  std::int64_t expiration = 0;
};

// "NAME/TYPE" a breakage is aimed at; an empty target means every RRset except DNSKEY.
struct BreakageTarget {
  RdfPtr name;              // null: any name
  std::uint16_t type = 0;  // 0: any type
  bool matches(const ldns_rdf* owner, std::uint16_t rrtype) const;
};
BreakageTarget parse_breakage_target(const std::string& spec);  // "" or "name/TYPE"

class Breakage {
 public:
  virtual ~Breakage() = default;
  virtual void before_signing(SigningPlan&) const {}
  virtual void after_signing(ZoneData&) const {}
  virtual void on_exported_ds(ldns_rr&) const {}
};

using BreakageFactory = std::unique_ptr<Breakage> (*)(const std::string& target);

// "name" or "name:target" -> the breakage; throws std::invalid_argument for an unknown name.
std::unique_ptr<Breakage> make_breakage(const std::string& spec);

// One factory per file.
std::unique_ptr<Breakage> make_bad_signature(const std::string& target);
std::unique_ptr<Breakage> make_expired_signatures(const std::string& target);
std::unique_ptr<Breakage> make_not_yet_valid_signatures(const std::string& target);
std::unique_ptr<Breakage> make_missing_rrsig(const std::string& target);
std::unique_ptr<Breakage> make_ds_mismatch(const std::string& target);
std::unique_ptr<Breakage> make_unsigned(const std::string& target);

}  // namespace tlsrpt::fakedns::detail
