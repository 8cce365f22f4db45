// Report JSON + validator. Properties checked on every input:
//  - strict ⊂ lenient: a report valid under strict is valid under lenient;
//  - emit(parse(x)) is a fixed point: parsing what we emitted gives the same model and bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto strict = tlsrpt::parse_report(input, tlsrpt::Profile::strict);
  const auto lenient = tlsrpt::parse_report(input, tlsrpt::Profile::lenient);
  if (strict.valid() && !lenient.valid()) std::abort();
  if (strict.report.has_value() != lenient.report.has_value()) std::abort();
  if (lenient.report) {
    const std::string once = tlsrpt::emit_json(*lenient.report);
    const auto again = tlsrpt::parse_report(once, tlsrpt::Profile::lenient);
    if (!again.report || !(*again.report == *lenient.report)) std::abort();
    if (tlsrpt::emit_json(*again.report) != once) std::abort();
  }
  return 0;
}
