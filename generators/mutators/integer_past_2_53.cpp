// integer-past-2^53: a count of 2^53+1, exact in int64 but not in the doubles I-JSON promises.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"total-successful-session-count", "total-failure-session-count", "failed-session-count"}, rng);
    if (!at) return unchanged(in, "no count member");
    j[*at] = std::string(kRawMarker);
    return Mutation{raw_splice(dump(j), "9007199254740993"), "set " + at->to_string() + " to 2^53+1"};
  });
}
}  // namespace
extern const Mutator integer_past_2_53{"integer-past-2^53", Layer::json,
    "make a count 9007199254740993 (2^53+1, not exact as an I-JSON number)", "7493-2.2-integer-range|8460-4.4-session-count", run};
}  // namespace tlsrpt::gen::mut
