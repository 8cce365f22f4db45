// huge-count: a count far outside any double (1e400), which I-JSON cannot carry.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"total-successful-session-count", "total-failure-session-count", "failed-session-count"}, rng);
    if (!at) return unchanged(in, "no count member");
    j[*at] = std::string(kRawMarker);
    return Mutation{raw_splice(dump(j), "1e400"), "set " + at->to_string() + " to 1e400"};
  });
}
}  // namespace
extern const Mutator huge_count{"huge-count", Layer::json, "make a count 1e400 (beyond any IEEE-754 double)",
    "7493-2.2-integer-range|8460-4.4-session-count|8460-4.4-member-type|8259-2-json-syntax", run};
}  // namespace tlsrpt::gen::mut
