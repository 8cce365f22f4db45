// missing-required-field: drops one member the RFC 8460 §4.4 template requires.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"organization-name", "date-range", "contact-info", "report-id", "policies",
                                    "policy-type", "start-datetime", "end-datetime", "total-successful-session-count",
                                    "total-failure-session-count", "result-type", "failed-session-count"}, rng);
    if (!at) return unchanged(in, "no required member found");
    j[at->parent_pointer()].erase(at->back());
    return Mutation{dump(j), "removed " + at->to_string()};
  });
}
}  // namespace
extern const Mutator missing_required_field{"missing-required-field", Layer::json,
    "drop one member the §4.4 template requires (organization-name, policies, result-type, counts...)",
    "8460-4.4-required-member|8460-4.4-missing-member", run};
}  // namespace tlsrpt::gen::mut
