// negative-count: a session count below zero.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"total-successful-session-count", "total-failure-session-count", "failed-session-count"}, rng);
    if (!at) return unchanged(in, "no count member");
    const auto v = -static_cast<long long>(1 + rng.below(1000));
    j[*at] = v;
    return Mutation{dump(j), "set " + at->to_string() + " to " + std::to_string(v)};
  });
}
}  // namespace
extern const Mutator negative_count{"negative-count", Layer::json, "make a session count negative",
    "8460-4.4-session-count", run};
}  // namespace tlsrpt::gen::mut
