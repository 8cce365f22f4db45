// mx-host-as-string: the RFC Appendix B form (EID 6241), a bare string where §4.4 says array.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    auto at = pick_member(j, {"mx-host"}, rng);
    std::string host = "*.mail.company-y.example";
    if (at && j[*at].is_array() && !j[*at].empty() && j[*at][0].is_string()) host = j[*at][0].get<std::string>();
    if (!at) {
      if (!j.is_object() || !j.contains("policies") || !j["policies"].is_array() || j["policies"].empty() ||
          !j["policies"][0].is_object() || !j["policies"][0].contains("policy") || !j["policies"][0]["policy"].is_object())
        return unchanged(in, "no policy to hold mx-host");
      auto& policy = j["policies"][0]["policy"];
      policy["policy-type"] = "sts";
      if (!policy.contains("policy-string"))
        policy["policy-string"] = Json::array({"version: STSv1", "mode: enforce", "mx: " + host, "max_age: 86400"});
      at = Pointer("/policies/0/policy/mx-host");
    }
    j[*at] = host;
    return Mutation{dump(j), "made " + at->to_string() + " the string \"" + host + "\""};
  });
}
}  // namespace
extern const Mutator mx_host_string{"mx-host-as-string", Layer::json,
    "write mx-host as a string, as RFC 8460 Appendix B does (erratum 6241)", "8460-4.4-mx-host-array", run};
}  // namespace tlsrpt::gen::mut
