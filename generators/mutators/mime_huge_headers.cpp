// mime-huge-headers[=KIB]: one folded header of KIB KiB (default 1024) plus 5000 small ones.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view arg, Rng&) {
  if (header_block_end(in) == std::string_view::npos) return unchanged(in, "no header block");
  const auto kib = int_arg(arg, 1024, 1, 1 << 20);
  std::string lines = "X-Padding: start";
  const std::string fold = "\r\n " + std::string(72, 'p');
  while (lines.size() < static_cast<std::size_t>(kib) * 1024) lines += fold;
  lines += "\r\n";
  for (int i = 0; i < 5000; ++i) lines += "X-Filler-" + std::to_string(i) + ": " + std::to_string(i) + "\r\n";
  std::string out(in);
  append_headers(out, lines);
  return Mutation{std::move(out), "added a " + std::to_string(kib) + " KiB folded header and 5000 more headers"};
}
}  // namespace
extern const Mutator mime_huge_headers{"mime-huge-headers", Layer::mime,
    "add a KIB KiB folded header (=KIB, default 1024) and 5000 more header fields: over careful header caps",
    "8460-5.3-report-part", run};
}  // namespace tlsrpt::gen::mut
