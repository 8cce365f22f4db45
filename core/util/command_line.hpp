// A command given as one line of text (`fuzz --exec`, `conformance --oracle-cmd`): split into
// words the way sh splits them (single quotes, double quotes, backslashes) but never run through a
// shell; placeholders in words filled in per run; and words quoted back for a repro script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::util {

// Throws std::invalid_argument on an unterminated quote or when there is no word at all.
std::vector<std::string> split_words(std::string_view text);

// Whether any word contains `placeholder`.
bool mentions(const std::vector<std::string>& words, std::string_view placeholder);

// `words` with every occurrence of `placeholder` (inside words too) replaced by `value`.
std::vector<std::string> substitute(std::vector<std::string> words, std::string_view placeholder,
                                    std::string_view value);

// `program` resolved against PATH (unchanged when it contains '/'); empty when not found or not executable.
std::string resolve_program(const std::string& program);

// One word quoted for sh: plain words as they are, others in single quotes ('it'\''s').
std::string shell_quote(std::string_view word);

}  // namespace tlsrpt::util
