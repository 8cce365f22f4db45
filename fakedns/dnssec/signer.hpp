// Turns a Zone into ZoneData, signed (ECDSA P-256 KSK + ZSK, NSEC) or not, with breakages applied.
#pragma once

#include <memory>
#include <string>

#include "fakedns/answers/zone_data.hpp"
#include "fakedns/dnssec.hpp"
#include "fakedns/zone.hpp"

namespace tlsrpt::fakedns::detail {

// A zone's key pair, generated once and kept across re-signing so the trust anchor stays valid.
class ZoneKeys {
 public:
  explicit ZoneKeys(const std::string& origin);
  ldns_key* ksk() const { return ksk_.get(); }
  ldns_key* zsk() const { return zsk_.get(); }

 private:
  KeyPtr ksk_;
  KeyPtr zsk_;
};

struct BuiltZone {
  std::unique_ptr<ZoneData> data;
  TrustAnchor anchor;  // empty when the zone is served unsigned
};

// Throws std::invalid_argument (bad breakage) or std::runtime_error (signing failed).
BuiltZone build_zone(const Zone& zone, const DnssecOptions& options, const ZoneKeys& keys);

}  // namespace tlsrpt::fakedns::detail
