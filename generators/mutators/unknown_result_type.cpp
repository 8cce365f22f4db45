// unknown-result-type: a result-type outside the §6.6 registry (new values arrive by Expert Review).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    auto at = pick_member(j, {"result-type"}, rng);
    if (!at) {
      at = ensure_detail(j);
      if (!at) return unchanged(in, "no failure detail to hold a result-type");
      *at /= "result-type";
    }
    static constexpr const char* names[] = {"Testing", "x-vendor-timeout", "certificate-revoked"};
    const std::string name = names[rng.below(3)];
    j[*at] = name;
    return Mutation{dump(j), "set " + at->to_string() + " to \"" + name + "\""};
  });
}
}  // namespace
extern const Mutator unknown_result_type{"unknown-result-type", Layer::json,
    "use a result-type not in the registry (\"Testing\", \"certificate-revoked\")", "8460-6.6-result-type", run};
}  // namespace tlsrpt::gen::mut
