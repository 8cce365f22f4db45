// wrong-type: gives a member a JSON type §4.4 does not allow (string <-> number, array -> object).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"organization-name", "report-id", "policy-type", "policy-domain", "policies",
                                    "total-successful-session-count", "failed-session-count", "result-type",
                                    "policy-string", "date-range"}, rng);
    if (!at) return unchanged(in, "no member to retype");
    auto& v = j[*at];
    std::string what;
    if (v.is_string()) { v = 42; what = "a number"; }
    else if (v.is_number()) { v = std::to_string(v.get<long long>()); what = "a string"; }
    else if (v.is_array()) { v = Json::object(); what = "an object"; }
    else { v = Json::array({1, 2}); what = "an array"; }
    return Mutation{dump(j), "made " + at->to_string() + " " + what};
  });
}
}  // namespace
extern const Mutator wrong_type{"wrong-type", Layer::json,
    "give a member the wrong JSON type (a count as a string, policies as an object...)",
    "8460-4.4-member-type|8460-4.4-session-count", run};
}  // namespace tlsrpt::gen::mut
