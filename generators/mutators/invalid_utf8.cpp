// invalid-utf8: puts bytes that are not UTF-8 (a truncated sequence and a lone continuation) in a string.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"organization-name", "report-id", "policy-domain", "receiving-mx-hostname"}, rng);
    if (!at) return unchanged(in, "no string member");
    j[*at] = std::string(kRawMarker);
    return Mutation{raw_splice(dump(j), "\"bad\xC3\x28utf8\x80\""), "put bytes C3 28 and 80 into " + at->to_string()};
  });
}
}  // namespace
extern const Mutator invalid_utf8{"invalid-utf8", Layer::json, "put non-UTF-8 bytes (C3 28, a lone 80) in a string",
    "7493-2.1-utf8", run};
}  // namespace tlsrpt::gen::mut
