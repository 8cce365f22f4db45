// A target's expected-failure file (--expect target.yaml): which cases are known to fail, or are
// not supported by the receiver at all, each with its reason.
//
//   expected-failures:
//     - case: 8460-4.4-mx-host-string-tolerated
//       reason: the parser requires mx-host to be an array
//     - case: "8460-5.4-https-*-stalwart"      # '*' matches any run of characters
//       reason: null contact-info is rejected
//   not-supported:
//     - case: "8460-5.3-*"
//       reason: this receiver takes reports by HTTPS only
//
// A pattern must match at least one case and keep 8 literal characters, so the file stays narrow.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::conformance {

enum class Expectation { fail, not_supported };

struct ExpectEntry {
  std::string pattern;
  std::string reason;
  Expectation kind = Expectation::fail;
  int line = 0;
};

struct ExpectFile {
  std::vector<ExpectEntry> entries;
  // The first entry matching `case_id` (not-supported entries first), or nullptr.
  const ExpectEntry* match(std::string_view case_id) const;
};

bool glob_match(std::string_view pattern, std::string_view text);

// Throws std::invalid_argument with "file:line: ..." for unknown keys, missing reasons, patterns
// too broad, or patterns that match no case.
ExpectFile load_expect_file(const std::filesystem::path& file);
ExpectFile parse_expect(const std::string& yaml_text, const std::string& name = "expect");

}  // namespace tlsrpt::conformance
