// gzip-bomb[=RATIO]: the report followed by megabytes of JSON whitespace, compressed about RATIO:1
// (default 1000, the most deflate gives). Still valid JSON once inflated, if anyone gets that far.
#include <algorithm>
#include <cmath>

#include "core/formats/gzip.hpp"
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
constexpr std::size_t kInflated = 16u << 20;
Mutation run(std::string_view in, std::string_view arg, Rng& rng) {
  const auto inflated = gunzip_capped(in);
  if (!inflated.ok()) return unchanged(in, "input is not an intact gzip member");
  const auto ratio = static_cast<double>(int_arg(arg, 1000, 2, 1000));
  // Random whitespace deflates to about 1/4; runs of spaces to about 1/1030. Mix to hit the ratio.
  const double noisy = std::clamp((1 / ratio - 1 / 1030.0) / (0.25 - 1 / 1030.0), 0.0, 1.0);
  std::string data = inflated.data;
  data.reserve(data.size() + kInflated);
  const auto noise = static_cast<std::size_t>(noisy * kInflated);
  static constexpr char ws[] = {' ', '\t', '\n', '\r'};
  for (std::size_t i = 0; i < noise; ++i) data += ws[rng.below(4)];
  data.append(kInflated - noise, ' ');
  auto gz = gzip_compress(data, 6);  // runs of spaces reach deflate's ~1030:1 at level 6 too, ~40x faster than 12
  const auto actual = static_cast<double>(data.size()) / static_cast<double>(gz.size());
  return Mutation{std::move(gz), "padded the content to " + std::to_string(data.size()) +
                                     " bytes of JSON whitespace, compressed " + std::to_string(std::lround(actual)) + ":1"};
}
}  // namespace
extern const Mutator gzip_bomb{"gzip-bomb", Layer::gzip,
    "inflate to 16 MiB of whitespace at about RATIO:1 (=RATIO, default 1000)", "gzip:ratio_exceeded|gzip:too_large", run};
}  // namespace tlsrpt::gen::mut
