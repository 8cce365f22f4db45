// gzip-truncated: cuts the member inside its deflate data (a transfer that stopped early).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/gzip_edit.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  const auto header = gzip_header_size(in);
  if (!header || in.size() < *header + 10) return unchanged(in, "input is not a gzip member");
  const auto data = in.size() - 8 - *header;  // deflate bytes before the CRC32/ISIZE trailer
  const auto keep = *header + rng.below(data);
  return Mutation{std::string(in.substr(0, keep)),
                  "cut the gzip member to " + std::to_string(keep) + " of " + std::to_string(in.size()) + " bytes"};
}
}  // namespace
extern const Mutator gzip_truncated{"gzip-truncated", Layer::gzip, "cut the gzip member short inside its deflate data",
    "gzip:truncated|gzip:corrupt", run};
}  // namespace tlsrpt::gen::mut
