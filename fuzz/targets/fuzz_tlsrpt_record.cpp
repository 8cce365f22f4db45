// parse_tlsrpt_record on arbitrary text: columns stay inside the text, and the §3 selection over
// a single RR agrees with the parser whenever the RR begins with "v=TLSRPTv1;".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/records/tlsrpt_record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto r = tlsrpt::parse_tlsrpt_record(text);
  if (r.ok() != r.errors.empty()) std::abort();
  for (const auto& issue : r.errors)
    if (issue.column > text.size() + 1 || issue.message.empty()) std::abort();
  if (r.ok()) {
    if (r.value->rua.empty()) std::abort();
    for (const auto& u : r.value->rua)
      if (u.column == 0 || u.column > text.size() || text.compare(u.column - 1, u.uri.size(), u.uri) != 0) std::abort();
  }
  const auto selected = tlsrpt::select_tlsrpt_record(std::vector<std::string>{text});
  if (text.rfind("v=TLSRPTv1;", 0) == 0 && selected.ok() != r.ok()) std::abort();
  if (selected.ok() && !r.ok()) std::abort();
  return 0;
}
