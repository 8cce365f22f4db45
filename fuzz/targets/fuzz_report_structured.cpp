// Reports through every layer (gzip, report mail, JSON, validator) with structure-aware mutation:
// LLVMFuzzerCustomMutator applies the generators' malformed-report mutators at the input's layer
// (fuzz/structured/report_mutator.hpp), so libFuzzer reaches the validator's deep rules instead
// of dying in the JSON parser. Property: whatever the strict profile accepts, lenient accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/check/checker.hpp"
#include "fuzz/structured/report_mutator.hpp"

extern "C" __attribute__((weak)) std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

std::size_t byte_mutate(std::uint8_t* data, std::size_t size, std::size_t max_size) {
  if (LLVMFuzzerMutate) return LLVMFuzzerMutate(data, size, max_size);
  if (size > 0) data[size / 2] ^= 0x20;  // without libFuzzer (replay builds): one flipped bit
  return size;
}

std::size_t copy_out(const std::string& out, std::uint8_t* data, std::size_t max_size) {
  const auto n = std::min(out.size(), max_size);
  if (n) std::memcpy(data, out.data(), n);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A copy: an empty input may come as a null pointer, which the JSON parser must not be handed.
  const std::string bytes = size ? std::string(reinterpret_cast<const char*>(data), size) : std::string();
  tlsrpt::check::CheckOptions options;
  options.max_size = std::size_t{16} << 20;
  const bool strict = tlsrpt::check::check_bytes(bytes, "fuzz", options).valid();
  options.profile = tlsrpt::Profile::lenient;
  const bool lenient = tlsrpt::check::check_bytes(bytes, "fuzz", options).valid();
  if (strict && !lenient) std::abort();  // strict must be a subset of lenient
  return 0;
}

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  return copy_out(tlsrpt::fuzz::mutate_report(input, max_size, seed, byte_mutate), data, max_size);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* data1, std::size_t size1, const std::uint8_t* data2,
                                                 std::size_t size2, std::uint8_t* out, std::size_t max_out_size,
                                                 unsigned int seed) {
  const std::string_view a(reinterpret_cast<const char*>(data1), size1), b(reinterpret_cast<const char*>(data2), size2);
  return copy_out(tlsrpt::fuzz::cross_over_reports(a, b, max_out_size, seed), out, max_out_size);
}
