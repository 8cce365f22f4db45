// The two report readers against each other (core/json/quick_reader.hpp, full_reader.hpp): wherever
// the quick reader takes a text, the full reader must read the same report from it and make the
// same findings in both profiles. Any disagreement aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json/codec.hpp"
#include "core/json/full_reader.hpp"
#include "core/json/quick_reader.hpp"
#include "core/json/validate.hpp"

namespace {

bool same_findings(const tlsrpt::Findings& a, const tlsrpt::Findings& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].severity != b[i].severity || a[i].where != b[i].where || a[i].rule != b[i].rule ||
        a[i].message != b[i].message)
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string buffer(reinterpret_cast<const char*>(data), size);
  buffer.reserve(size + tlsrpt::kJsonPadding);
  const std::string_view text(buffer.data(), size);
  tlsrpt::ReportView quick;
  if (!tlsrpt::quick_read_report(text, quick)) return 0;
  for (const auto profile : {tlsrpt::Profile::strict, tlsrpt::Profile::lenient}) {
    tlsrpt::ReportView full;
    tlsrpt::Findings full_findings;
    if (!tlsrpt::full_read_report(text, profile, full_findings, full)) std::abort();
    tlsrpt::Findings quick_findings;
    tlsrpt::validate_view_into(quick, profile, quick_findings);
    if (!same_findings(quick_findings, full_findings)) std::abort();
    if (!(quick.to_report() == full.to_report())) std::abort();
    if (quick.contact_info_null != full.contact_info_null) std::abort();
  }
  return 0;
}
