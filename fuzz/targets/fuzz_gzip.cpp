// gunzip_capped on arbitrary bytes under small caps; whatever inflates must survive a round trip
// through gzip_compress, and no result may pass the caps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
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
  return 0;
}
