// mime-nested-multipart[=DEPTH]: wraps the whole multipart/report in DEPTH multipart/mixed levels
// (default 64), as forwarding gateways do a few times and attackers do thousands of times.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view arg, Rng&) {
  const auto block = header_block_end(in);
  const auto type = header_value(in, "Content-Type");
  if (block == std::string_view::npos || !type) return unchanged(in, "no top-level Content-Type");
  const auto depth = int_arg(arg, 64, 1, 100000);
  std::string inner = "Content-Type: " + *type + "\r\n\r\n" + std::string(in.substr(block + 2));
  for (long long level = depth; level-- > 0;) {
    const auto b = "nest-" + std::to_string(level);
    inner = "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n" + inner + "\r\n--" + b + "--\r\n";
  }
  std::string out(in);
  replace_header(out, "Content-Type", inner.substr(14, inner.find("\r\n") - 14));
  const auto new_block = header_block_end(out);
  out.replace(new_block + 2, std::string::npos, inner.substr(inner.find("\r\n\r\n") + 4));
  return Mutation{std::move(out), "wrapped the report in " + std::to_string(depth) + " levels of multipart/mixed"};
}
}  // namespace
extern const Mutator mime_nested_multipart{"mime-nested-multipart", Layer::mime,
    "wrap the multipart/report in DEPTH multipart/mixed levels (=DEPTH, default 64; deeper than careful parsers go)", "8460-5.3-report-part", run};
}  // namespace tlsrpt::gen::mut
