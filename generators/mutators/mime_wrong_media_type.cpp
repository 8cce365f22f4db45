// mime-wrong-media-type[=TYPE]: labels the report part with another media type (default
// application/octet-stream). Receivers should sniff 1f 8b rather than trust the label.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view arg, Rng&) {
  const std::string type = arg.empty() ? "application/octet-stream" : std::string(arg);
  std::string out(in);
  for (const std::string_view old : {"application/tlsrpt+gzip", "application/tlsrpt+json"}) {
    const auto pos = out.find(old);
    if (pos == std::string::npos) continue;
    out.replace(pos, old.size(), type);
    return Mutation{std::move(out), "relabelled the " + std::string(old) + " part as " + type};
  }
  return unchanged(in, "no application/tlsrpt part");
}
}  // namespace
extern const Mutator mime_wrong_media_type{"mime-wrong-media-type", Layer::mime,
    "label the report part application/octet-stream (=TYPE for another)", "accept", run};
}  // namespace tlsrpt::gen::mut
