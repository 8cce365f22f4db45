// ds-mismatch: the zone is signed correctly but the exported DS matches no key in it.
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class DsMismatch : public Breakage {
 public:
  void on_exported_ds(ldns_rr& ds) const override {
    ldns_rdf* digest = ldns_rr_rdf(&ds, 3);
    if (!digest) return;
    for (std::size_t i = 0; i < ldns_rdf_size(digest); ++i) ldns_rdf_data(digest)[i] ^= 0xff;
  }
};

}  // namespace

std::unique_ptr<Breakage> make_ds_mismatch(const std::string&) { return std::make_unique<DsMismatch>(); }

}  // namespace tlsrpt::fakedns::detail
