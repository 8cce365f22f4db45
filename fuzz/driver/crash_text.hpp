// Reading a crashed program's stderr: sanitizer reports (ASan, UBSan, LSan, MSan, TSan), the
// uncaught-exception shapes of common runtimes (Python tracebacks, Node, Java, Go panics, C++
// std::terminate), and out-of-memory messages. Pure text in, facts out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fuzz {

struct SanitizerReport {
  std::string summary;              // "AddressSanitizer: heap-buffer-overflow ... in parse_x" (SUMMARY line, without the prefix)
  std::string kind;                 // "AddressSanitizer: heap-buffer-overflow"
  std::vector<std::string> frames;  // function names of the first stack, top first
};

// Empty summary when `err` holds no sanitizer report.
SanitizerReport parse_sanitizer_report(std::string_view err);

// The one line that names the failure: the exception line of a traceback or uncaught error, else
// the first non-empty line. Trimmed to 160 characters.
std::string message_line(std::string_view text);

// The line with volatile parts (addresses, numbers, quoted values longer than a word) masked, so
// the same bug on different inputs gets the same signature.
std::string normalize_for_signature(std::string_view line);

// Whether the output says the process ran out of memory (bad_alloc, MemoryError, V8 heap, Go, ASan).
bool mentions_out_of_memory(std::string_view err);

}  // namespace tlsrpt::fuzz
