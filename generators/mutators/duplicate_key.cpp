// duplicate-key: repeats a member name in one object with a different value (I-JSON forbids it).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
constexpr std::string_view kDupKey = "@@tlsrpt-duplicate@@";
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"report-id", "organization-name", "policy-type", "result-type",
                                    "total-failure-session-count", "policy-domain"}, rng);
    if (!at) return unchanged(in, "no member to duplicate");
    auto& parent = j[at->parent_pointer()];
    Json copy = parent[at->back()];
    copy = copy.is_string() ? Json("duplicate-" + copy.get<std::string>()) : Json(copy.is_number() ? Json(7) : copy);
    parent[std::string(kDupKey)] = copy;
    auto text = dump(j);
    const std::string marker = "\"" + std::string(kDupKey) + "\"";
    text.replace(text.find(marker), marker.size(), "\"" + at->back() + "\"");
    return Mutation{std::move(text), "added a second \"" + at->back() + "\" member to " + at->parent_pointer().to_string()};
  });
}
}  // namespace
extern const Mutator duplicate_key{"duplicate-key", Layer::json, "repeat a member name in one object with another value",
    "7493-2.3-duplicate-member", run};
}  // namespace tlsrpt::gen::mut
