// One lint or load error: the file, line and column it points at, the key concerned, a plain
// sentence, and a suggestion when the key looks misspelt.
#pragma once

#include <string>
#include <vector>

namespace tlsrpt::scenario {

struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

struct Diagnostic {
  Location where;
  std::string key;         // dotted path of the key, e.g. "mx[1].cert"
  std::string message;     // one sentence
  std::string suggestion;  // "did you mean" candidate, empty if none
};

using Diagnostics = std::vector<Diagnostic>;

// "file:line:column: error: key 'mx[1].cert': message (did you mean 'x'?)"
std::string format(const Diagnostic& d);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` if it is close enough to be a likely typo, else "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tlsrpt::scenario
