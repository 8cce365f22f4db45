// null-value: sets a required member to JSON null.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"organization-name", "report-id", "date-range", "policies", "policy-type",
                                    "summary", "total-failure-session-count", "result-type"}, rng);
    if (!at) return unchanged(in, "no member to null");
    j[*at] = nullptr;
    return Mutation{dump(j), "set " + at->to_string() + " to null"};
  });
}
}  // namespace
extern const Mutator null_value{"null-value", Layer::json, "set a required member to null",
    "8460-4.4-member-type|8460-4.4-missing-member|8460-4.4-required-member", run};
}  // namespace tlsrpt::gen::mut
