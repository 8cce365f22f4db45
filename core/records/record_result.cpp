#include "core/records/record_result.hpp"

namespace tlsrpt {

std::string describe(const std::vector<RecordIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += '\n';
    if (issue.line != 0) out += "line " + std::to_string(issue.line) + (issue.column != 0 ? ", " : ": ");
    if (issue.column != 0) out += "column " + std::to_string(issue.column) + ": ";
    out += issue.message;
  }
  return out;
}

}  // namespace tlsrpt
