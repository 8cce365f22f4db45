// float-count: a session count with a fraction.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"total-successful-session-count", "total-failure-session-count", "failed-session-count"}, rng);
    if (!at) return unchanged(in, "no count member");
    j[*at] = std::string(kRawMarker);
    const auto text = std::to_string(1 + rng.below(500)) + ".5";
    return Mutation{raw_splice(dump(j), text), "set " + at->to_string() + " to " + text};
  });
}
}  // namespace
extern const Mutator float_count{"float-count", Layer::json, "make a session count a non-integer (12.5)",
    "8460-4.4-session-count|8460-4.4-member-type|7493-2.2-integer-range", run};
}  // namespace tlsrpt::gen::mut
