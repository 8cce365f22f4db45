// What every record parser returns: the parsed value, or errors that each point at a column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tlsrpt {

struct RecordIssue {
  std::size_t column = 0;  // 1-based position in the text (or line); 0 when it concerns the whole text
  std::string message;     // one plain sentence
  std::size_t line = 0;    // 1-based line for multi-line texts (the MTA-STS policy file); 0 otherwise
};

template <class T>
struct RecordResult {
  std::optional<T> value;            // set when the text is acceptable (warnings allowed)
  std::vector<RecordIssue> errors;   // why the text was rejected
  std::vector<RecordIssue> warnings; // accepted, but worth telling (unsupported scheme, ...)
  bool ok() const { return value.has_value(); }
};

// "line 3, column 12: ..." or "column 12: the rua URI contains an unescaped \"!\"" — one line per issue, for messages and logs.
std::string describe(const std::vector<RecordIssue>& issues);

}  // namespace tlsrpt
