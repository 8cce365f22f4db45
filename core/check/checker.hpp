// Checking one input: sniff what it is (gzip, report mail, JSON), unwrap it, parse and validate the
// report, and cross-check mail headers. Transport-free: bytes in, a CheckResult out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/codec.hpp"

namespace tlsrpt::check {

struct CheckOptions {
  Profile profile = Profile::strict;
  std::size_t max_size = std::size_t{256} << 20;  // input bytes, and inflated bytes of a gzip member
};

enum class InputFormat { json, gzip_json, email, email_gzip };
std::string_view to_string(InputFormat format);

struct CheckResult {
  std::string input;                    // the path as given, or "-" for stdin
  InputFormat format = InputFormat::json;
  std::optional<std::string> unreadable;  // why the input could not be read at all (exit 2)
  std::optional<Report> report;
  Findings findings;                    // container findings (gzip:, email:) then the report's
  std::vector<std::string> notes;       // facts that are neither errors nor warnings
  bool valid() const { return !unreadable && report && !has_errors(findings); }
};

// Sniffs by content, not by name: 1f 8b = gzip, a header block = mail, anything else = JSON.
// `capacity` bytes are readable at bytes.data() (as codec.hpp's parse_report: with kJsonPadding to
// spare, a JSON report is read where it is, not copied); 0 means bytes.size().
CheckResult check_bytes(std::string_view bytes, std::string input, const CheckOptions& options,
                        std::size_t capacity = 0);

// Reads a file (or stdin for "-") up to options.max_size, then check_bytes.
CheckResult check_path(const std::string& path, const CheckOptions& options);

}  // namespace tlsrpt::check
