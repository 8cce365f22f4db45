// bad-signature: the RRSIGs of the target RRset (default: every RRset but DNSKEY) carry a corrupted
// signature, so a validator finds the data bogus.
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class BadSignature : public Breakage {
 public:
  explicit BadSignature(BreakageTarget target) : target_(std::move(target)) {}
  void after_signing(ZoneData& zone) const override {
    for (auto& [key, node] : zone.nodes())
      for (auto& [type, set] : node.sets)
        if (target_.matches(node.name, type))
          for (ldns_rr* sig : set.sigs) {
            ldns_rdf* signature = ldns_rr_rdf(sig, 8);
            if (signature && ldns_rdf_size(signature) > 0) ldns_rdf_data(signature)[0] ^= 0x5a;
          }
  }

 private:
  BreakageTarget target_;
};

}  // namespace

std::unique_ptr<Breakage> make_bad_signature(const std::string& target) {
  return std::make_unique<BadSignature>(parse_breakage_target(target));
}

}  // namespace tlsrpt::fakedns::detail
