// empty-string: empties a string member (the parsedmarc fixture has "" for optional fields).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    auto at = pick_member(j, {"sending-mta-ip", "receiving-mx-hostname", "receiving-ip"}, rng);
    if (!at) {
      at = ensure_detail(j);
      if (!at) return unchanged(in, "no string member to empty");
      *at /= "receiving-mx-hostname";
    }
    j[*at] = "";
    return Mutation{dump(j), "emptied " + at->to_string()};
  });
}
}  // namespace
extern const Mutator empty_string{"empty-string", Layer::json, "empty a failure-detail string (\"\" for an IP or host name)",
    "8460-4.4-empty-string|8460-4.4-sending-mta-ip|8460-4.4-receiving-ip|8460-4.4-receiving-mx-hostname", run};
}  // namespace tlsrpt::gen::mut
