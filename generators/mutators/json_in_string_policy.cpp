// json-in-string-policy: a TLSA policy-string holding one JSON-encoded array (Microsoft's form).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/synth/identifiers.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    if (!j.is_object() || !j.contains("policies") || !j["policies"].is_array() || j["policies"].empty())
      return unchanged(in, "no policies");
    const auto i = rng.below(j["policies"].size());
    auto& pr = j["policies"][i];
    if (!pr.is_object() || !pr.contains("policy") || !pr["policy"].is_object()) return unchanged(in, "no policy object");
    auto& policy = pr["policy"];
    const Json rrs = Json::array({"2 1 1 " + upper_hex(rng, 32), "3 1 1 " + upper_hex(rng, 32)});
    policy["policy-type"] = "tlsa";
    policy["policy-string"] = Json::array({rrs.dump()});
    policy.erase("mx-host");
    if (!policy.contains("policy-domain")) policy["policy-domain"] = "mx1.example.com";
    return Mutation{dump(j), "made /policies/" + std::to_string(i) + " a tlsa policy whose policy-string is one JSON-encoded array"};
  });
}
}  // namespace
extern const Mutator json_in_string_policy{"json-in-string-policy", Layer::json,
    "TLSA policy-string as one JSON-encoded array string (Microsoft)", "8460-4.5-tlsa-json-in-string", run};
}  // namespace tlsrpt::gen::mut
