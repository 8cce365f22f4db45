// The §5.1 filename parser on arbitrary text; what parses must rebuild into a name that parses
// to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/records/report_filename.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = tlsrpt::parse_report_filename(text);
  if (r.ok() != r.errors.empty()) std::abort();
  if (!r.ok()) return 0;
  const auto again = tlsrpt::parse_report_filename(tlsrpt::build_report_filename(*r.value));
  if (!again.ok()) std::abort();
  const auto& a = *r.value;
  const auto& b = *again.value;
  if (a.sender != b.sender || a.policy_domain != b.policy_domain || a.begin != b.begin || a.end != b.end ||
      a.unique_id != b.unique_id || a.gzipped != b.gzipped)
    std::abort();
  return 0;
}
