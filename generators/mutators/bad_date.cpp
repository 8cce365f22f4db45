// bad-date: a date-range value that is not an RFC 3339 date-time.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"start-datetime", "end-datetime"}, rng);
    if (!at) return unchanged(in, "no date-range");
    static constexpr const char* texts[] = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday",
                                            "2026/03/01 00:00", "2026-03-01T24:00:01Z"};
    const std::string text = texts[rng.below(5)];
    j[*at] = text;
    return Mutation{dump(j), "set " + at->to_string() + " to \"" + text + "\""};
  });
}
}  // namespace
extern const Mutator bad_date{"bad-date", Layer::json, "make a date-range value not an RFC 3339 date-time",
    "3339-5.6-date-time", run};
}  // namespace tlsrpt::gen::mut
