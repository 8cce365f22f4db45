// Scenario file → Scenario: YAML with includes, the schema table, then the semantic checks lint
// promises (references resolve, no unused definitions, every expectation checkable, timeline
// events of one kind on one target never overlap).
#pragma once

#include <filesystem>
#include <optional>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/model.hpp"
#include "sim/scenario/tree.hpp"

namespace tlsrpt::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when there are no diagnostics
  Diagnostics diagnostics;
  bool ok() const { return scenario.has_value() && diagnostics.empty(); }
};

LoadResult load_scenario(const std::filesystem::path& file);

// The same from an already merged tree (used by tests and the fuzz target).
LoadResult load_scenario_tree(const Node& root, const std::string& file_name);

}  // namespace tlsrpt::scenario
