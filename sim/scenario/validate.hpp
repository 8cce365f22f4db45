// Checks a scenario tree against the schema table: unknown keys (with a suggestion), types,
// required keys, choices. Semantic checks live in the loader.
#pragma once

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/tree.hpp"

namespace tlsrpt::scenario {

void validate_tree(const Node& root, Diagnostics& diagnostics);

// The display path of a key at a position: "mx[1].cert" for schema path "mx[].cert".
std::string display_path(const std::string& parent_display, const std::string& key);

}  // namespace tlsrpt::scenario
