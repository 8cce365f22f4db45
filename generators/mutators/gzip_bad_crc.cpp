// gzip-bad-crc: flips bits of the trailer CRC32 so intact data fails its check.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/gzip_edit.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng& rng) {
  if (!gzip_header_size(in)) return unchanged(in, "input is not a gzip member");
  std::string out(in);
  const auto at = out.size() - 8 + rng.below(4);
  out[at] = static_cast<char>(out[at] ^ static_cast<char>(1 + rng.below(255)));
  return Mutation{std::move(out), "changed CRC32 byte " + std::to_string(at - (in.size() - 8))};
}
}  // namespace
extern const Mutator gzip_bad_crc{"gzip-bad-crc", Layer::gzip, "corrupt the trailer CRC32 of intact data",
    "gzip:bad_crc", run};
}  // namespace tlsrpt::gen::mut
