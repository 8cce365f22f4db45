// gunzip_capped on arbitrary bytes under small caps; whatever inflates must survive a round trip
// through gzip_compress, and no result may pass the caps. Text inputs (the committed seeds are
// text) are also compressed, round-tripped, and fed back damaged (cut or with a flipped byte).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/formats/gzip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  tlsrpt::InflateLimits limits;
  limits.max_output = 1u << 20;
  limits.max_ratio = 200;
  const auto r = tlsrpt::gunzip_capped(in, limits);
  if (r.data.size() > limits.max_output || r.data.size() > in.size() * limits.max_ratio) std::abort();
  if (!r.ok() && r.message.empty()) std::abort();
  if (r.ok()) {
    const auto again = tlsrpt::gunzip_capped(tlsrpt::gzip_compress(r.data, 1), {std::size_t{2} << 20, 0});
    if (!again.ok() || again.data != r.data) std::abort();
  }
  if (tlsrpt::looks_gzipped(in) || in.size() > (256u << 10)) return 0;
  const auto gz = tlsrpt::gzip_compress(in, static_cast<int>(size % 13));
  const auto round = tlsrpt::gunzip_capped(gz, {std::size_t{1} << 20, 0});
  if (!round.ok() || round.data != in) std::abort();
  const std::size_t at = size == 0 ? 0 : data[0] % gz.size();
  if (tlsrpt::gunzip_capped(std::string_view(gz).substr(0, at), limits).ok() && at < gz.size()) std::abort();
  std::string flipped = gz;
  flipped[at] = static_cast<char>(flipped[at] ^ (1u << (size % 8)));
  const auto damaged = tlsrpt::gunzip_capped(flipped, limits);
  if (damaged.ok() && damaged.data != in && at >= 10) std::abort();  // past the header, a change must be caught
  return 0;
}
