// libFuzzer target: the scenario loader (YAML → tree → schema → semantic checks) must turn any
// input into a scenario or diagnostics, never a crash, hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  tlsrpt::scenario::Diagnostics diagnostics;
  const auto tree = tlsrpt::scenario::parse_yaml(text, "fuzz.yaml", diagnostics);
  if (!diagnostics.empty()) return 0;
  const auto result = tlsrpt::scenario::load_scenario_tree(tree, "fuzz.yaml");
  for (const auto& d : result.diagnostics) (void)tlsrpt::scenario::format(d);
  return 0;
}
