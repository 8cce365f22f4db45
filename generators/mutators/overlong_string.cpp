// overlong-string[=KIB]: a string member of KIB KiB (default 1024). Valid JSON; tests limits.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view arg, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    const auto at = pick_member(j, {"organization-name", "additional-information", "failure-reason-code"}, rng);
    if (!at) return unchanged(in, "no string member");
    const auto kib = int_arg(arg, 1024, 1, 1 << 20);
    std::string text(static_cast<std::size_t>(kib) * 1024, 'x');
    for (std::size_t i = 0; i < text.size(); i += 64) text[i] = static_cast<char>('a' + rng.below(26));
    j[*at] = std::move(text);
    return Mutation{dump(j), "made " + at->to_string() + " " + std::to_string(kib) + " KiB long"};
  });
}
}  // namespace
extern const Mutator overlong_string{"overlong-string", Layer::json,
    "make a string member huge (=KIB, default 1024): valid JSON a receiver must bound, not crash on",
    "accept", run};
}  // namespace tlsrpt::gen::mut
