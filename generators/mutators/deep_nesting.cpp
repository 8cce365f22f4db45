// deep-nesting[=DEPTH]: replaces a value by DEPTH nested arrays (default 100000) to exhaust recursive parsers.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view arg, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"policies", "failure-details", "policy-string", "summary"}, rng);
    if (!at) return unchanged(in, "no member to nest");
    const auto depth = static_cast<std::size_t>(int_arg(arg, 100000, 2, 10000000));
    j[*at] = std::string(kRawMarker);
    std::string raw(depth, '[');
    raw.append(depth, ']');
    return Mutation{raw_splice(dump(j), raw), "replaced " + at->to_string() + " by " + std::to_string(depth) + " nested arrays"};
  });
}
}  // namespace
extern const Mutator deep_nesting{"deep-nesting", Layer::json, "nest arrays DEPTH deep (=DEPTH, default 100000)",
    "8460-4-nesting-depth|8259-2-json-syntax", run};
}  // namespace tlsrpt::gen::mut
