// A YAML document as a small tree whose every node remembers the file, line and column it came
// from, so that errors point at the right place even after `extends:` / `include:` merged files.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/diagnostic.hpp"

namespace tlsrpt::scenario {

struct Node {
  enum class Kind { null, scalar, map, list };
  Kind kind = Kind::null;
  Location where;
  std::string text;                               // scalar
  std::vector<std::pair<std::string, Node>> map;  // map, in file order
  std::vector<Location> key_where;                // map: where each key was written
  std::vector<Node> list;                         // list

  // Declared here, defaulted in tree.cpp: a map of pair<string, Node> needs Node complete, which
  // clang checks (libstdc++'s pair traits) if these are generated inside the class.
  Node();
  ~Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;

  bool is_map() const { return kind == Kind::map; }
  bool is_list() const { return kind == Kind::list; }
  bool is_scalar() const { return kind == Kind::scalar; }
  const Node* find(std::string_view key) const;
  Location key_location(std::string_view key) const;
};

// Parses one YAML text (no includes). Syntax errors become diagnostics; returns a null node then.
Node parse_yaml(const std::string& text, const std::string& file_name, Diagnostics& diagnostics);

// Loads a scenario file and resolves `extends:` (one base) and `include:` (a list of fragments),
// relative to the including file. Maps merge key by key; a later scalar or list replaces the
// earlier one. Order: extends, then include in order, then the file itself.
Node load_tree(const std::filesystem::path& file, Diagnostics& diagnostics);

}  // namespace tlsrpt::scenario
