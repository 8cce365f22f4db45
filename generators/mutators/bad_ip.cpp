// bad-ip: an IP address member that is neither IPv4 dotted-quad nor IPv6.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  return edit_json(in, [&](Json& j) {
    auto at = pick_member(j, {"sending-mta-ip", "receiving-ip"}, rng);
    if (!at) {
      at = ensure_detail(j);
      if (!at) return unchanged(in, "no failure detail to hold an IP");
      *at /= "sending-mta-ip";
    }
    static constexpr const char* texts[] = {"999.0.2.1", "x.x.x.x", "2001:db8::g1", "192.0.2", "192.0.2.1/24"};
    const std::string text = texts[rng.below(5)];
    j[*at] = text;
    return Mutation{dump(j), "set " + at->to_string() + " to \"" + text + "\""};
  });
}
}  // namespace
extern const Mutator bad_ip{"bad-ip", Layer::json, "make an IP member unparseable (999.0.2.1, x.x.x.x, 2001:db8::g1)",
    "8460-4.4-sending-mta-ip|8460-4.4-receiving-ip", run};
}  // namespace tlsrpt::gen::mut
