// missing-rrsig: the target RRset (default: every RRset but DNSKEY) is served without its RRSIGs.
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class MissingRrsig : public Breakage {
 public:
  explicit MissingRrsig(BreakageTarget target) : target_(std::move(target)) {}
  void after_signing(ZoneData& zone) const override {
    for (auto& [key, node] : zone.nodes())
      for (auto& [type, set] : node.sets)
        if (target_.matches(node.name, type)) set.sigs.clear();  // the pool still owns them
  }

 private:
  BreakageTarget target_;
};

}  // namespace

std::unique_ptr<Breakage> make_missing_rrsig(const std::string& target) {
  return std::make_unique<MissingRrsig>(parse_breakage_target(target));
}

}  // namespace tlsrpt::fakedns::detail
