// The scenario language in one table: every key, its type, whether it is required, and what it
// means. The loader enforces it (sim/scenario/validate.cpp) and `tlsrpt-lab lint --reference`
// prints it as docs/scenario-reference.md, so the documentation cannot drift from the loader.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::scenario {

enum class KeyType { string, integer, boolean, datetime, time, count, strings, list, map, cert, choice };

std::string_view to_string(KeyType type);

struct KeySpec {
  std::string_view path;  // "mx[].cert": `[]` = each list item, `*` = any key of a map
  KeyType type;
  bool required;
  std::string_view doc;
  std::vector<std::string> choices = {};  // for KeyType::choice
};

std::span<const KeySpec> schema();
const KeySpec* find_key(std::string_view path);
// The keys allowed directly under `parent` ("" = the top level, "mx[]" = an MX entry).
std::vector<std::string> child_keys(std::string_view parent);

// Vocabularies shared by the loader and the docs.
const std::vector<std::string>& cert_profiles();
const std::vector<std::string>& timeline_actions();
const std::vector<std::string>& expectation_measures();

// Markdown reference of the whole language (the content of docs/scenario-reference.md).
std::string reference_markdown();

}  // namespace tlsrpt::scenario
