// mime-base64-error: damages the report part's base64: stray characters and the last lines cut off.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng&) {
  const auto type = in.find("application/tlsrpt+");
  if (type == std::string_view::npos) return unchanged(in, "no application/tlsrpt part");
  const auto body = in.find("\r\n\r\n", type);
  const auto boundary = top_boundary(in);
  const auto end = in.find("\r\n--" + boundary, body);
  if (body == std::string_view::npos || end == std::string_view::npos || end <= body + 4)
    return unchanged(in, "report part has no body");
  const auto start = body + 4;
  const auto keep = (end - start) / 2;
  std::string out(in.substr(0, start));
  out += "*** not base64 ***\r\n";
  out += in.substr(start, keep);
  out += "=!=\r\n";
  out += in.substr(end);
  return Mutation{std::move(out), "inserted non-base64 text and dropped the second half of the report part's base64"};
}
}  // namespace
extern const Mutator mime_base64_error{"mime-base64-error", Layer::mime,
    "garble the report part's base64 (stray characters, second half missing)", "gzip:truncated|gzip:corrupt|gzip:not_gzip", run};
}  // namespace tlsrpt::gen::mut
