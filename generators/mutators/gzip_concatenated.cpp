// gzip-concatenated: the same report as two gzip members back to back (legal per RFC 1952 §2.2).
#include "core/formats/gzip.hpp"
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  const auto inflated = gunzip_capped(in);
  if (!inflated.ok() || inflated.data.size() < 2) return unchanged(in, "input is not an intact gzip member");
  const auto cut = 1 + rng.below(inflated.data.size() - 1);
  const std::string_view data = inflated.data;
  return Mutation{gzip_compress(data.substr(0, cut)) + gzip_compress(data.substr(cut)),
                  "split the content at byte " + std::to_string(cut) + " into two concatenated gzip members"};
}
}  // namespace
extern const Mutator gzip_concatenated{"gzip-concatenated", Layer::gzip,
    "the same content as two concatenated gzip members (legal; gzip(1) joins them)", "accept", run};
}  // namespace tlsrpt::gen::mut
