// mime-missing-closing-boundary: the Mail.ru ending, "--boundary" and blank lines instead of "--boundary--".
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng&) {
  const auto boundary = top_boundary(in);
  if (boundary.empty()) return unchanged(in, "not a multipart message");
  const std::string closing = "--" + boundary + "--";
  const auto pos = std::string_view(in).rfind(closing);
  if (pos == std::string_view::npos) return unchanged(in, "no closing boundary to remove");
  std::string out(in.substr(0, pos));
  out += "--" + boundary + "\r\n\r\n\r\n";
  return Mutation{std::move(out), "replaced the closing boundary by an opening one and blank lines (Mail.ru)"};
}
}  // namespace
extern const Mutator mime_missing_closing_boundary{"mime-missing-closing-boundary", Layer::mime,
    "end the multipart without its closing boundary, as Mail.ru does", "accept", run};
}  // namespace tlsrpt::gen::mut
