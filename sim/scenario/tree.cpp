#include "sim/scenario/tree.hpp"

#include <yaml-cpp/yaml.h>

#include "core/util/file_text.hpp"

namespace tlsrpt::scenario {

Node::Node() = default;
Node::~Node() = default;
Node::Node(const Node&) = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(const Node&) = default;
Node& Node::operator=(Node&&) noexcept = default;

namespace {

constexpr int max_include_depth = 8;
constexpr std::uintmax_t max_file_bytes = 1u << 20;

Location location_of(const YAML::Mark& mark, const std::string& file) {
  return Location{file, mark.line + 1, mark.column + 1};
}

Node convert(const YAML::Node& yaml, const std::string& file, int depth, Diagnostics& diagnostics) {
  Node node;
  node.where = location_of(yaml.Mark(), file);
  if (depth > 64) {
    diagnostics.push_back({node.where, "", "the document nests deeper than 64 levels", ""});
    return node;
  }
  switch (yaml.Type()) {
    case YAML::NodeType::Scalar:
      node.kind = Node::Kind::scalar;
      node.text = yaml.Scalar();
      break;
    case YAML::NodeType::Sequence:
      node.kind = Node::Kind::list;
      for (const auto& item : yaml) node.list.push_back(convert(item, file, depth + 1, diagnostics));
      break;
    case YAML::NodeType::Map:
      node.kind = Node::Kind::map;
      for (const auto& entry : yaml) {
        const Location key_where = location_of(entry.first.Mark(), file);
        if (!entry.first.IsScalar()) {
          diagnostics.push_back({key_where, "", "a key must be a plain word", ""});
          continue;
        }
        const std::string key = entry.first.Scalar();
        if (node.find(key)) {
          diagnostics.push_back({key_where, key, "the key appears twice in the same map", ""});
          continue;
        }
        node.map.emplace_back(key, convert(entry.second, file, depth + 1, diagnostics));
        node.key_where.push_back(key_where);
      }
      break;
    default:
      node.kind = Node::Kind::null;
      break;
  }
  return node;
}

void merge_into(Node& base, const Node& overlay) {
  if (!base.is_map() || !overlay.is_map()) {
    base = overlay;
    return;
  }
  for (std::size_t i = 0; i < overlay.map.size(); ++i) {
    const auto& [key, value] = overlay.map[i];
    bool merged = false;
    for (std::size_t j = 0; j < base.map.size(); ++j) {
      if (base.map[j].first != key) continue;
      merge_into(base.map[j].second, value);
      base.key_where[j] = overlay.key_where[i];
      merged = true;
      break;
    }
    if (!merged) {
      base.map.emplace_back(key, value);
      base.key_where.push_back(overlay.key_where[i]);
    }
  }
  base.where = overlay.where;
}

Node remove_key(Node node, std::string_view key) {
  for (std::size_t i = 0; i < node.map.size(); ++i) {
    if (node.map[i].first != key) continue;
    node.map.erase(node.map.begin() + static_cast<std::ptrdiff_t>(i));
    node.key_where.erase(node.key_where.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
  return node;
}

Node load_recursive(const std::filesystem::path& file, int depth, std::vector<std::filesystem::path>& chain,
                    Diagnostics& diagnostics, const Location& referenced_from) {
  const std::string name = file.string();
  if (depth > max_include_depth) {
    diagnostics.push_back({referenced_from, "extends", "includes nest deeper than 8 files", ""});
    return {};
  }
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(file, ec);
  for (const auto& seen : chain)
    if (seen == canonical) {
      diagnostics.push_back({referenced_from, "extends", "include cycle: " + name + " includes itself", ""});
      return {};
    }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    diagnostics.push_back({referenced_from.file.empty() ? Location{name, 0, 0} : referenced_from, "",
                           "cannot read " + name + ": " + ec.message(), ""});
    return {};
  }
  if (size > max_file_bytes) {
    diagnostics.push_back({Location{name, 1, 1}, "", "the file is larger than 1 MiB", ""});
    return {};
  }
  Node own = parse_yaml(read_whole_file(file).value_or(""), name, diagnostics);
  if (own.kind == Node::Kind::null) return own;
  if (!own.is_map()) {
    diagnostics.push_back({own.where, "", "a scenario file must be a map of keys", ""});
    return {};
  }

  chain.push_back(canonical);
  Node merged;
  merged.kind = Node::Kind::map;
  merged.where = own.where;
  const auto dir = file.parent_path();
  if (const Node* base = own.find("extends")) {
    if (base->is_scalar())
      merge_into(merged, load_recursive(dir / base->text, depth + 1, chain, diagnostics, base->where));
    else
      diagnostics.push_back({base->where, "extends", "expected the path of one base file", ""});
  }
  if (const Node* includes = own.find("include")) {
    if (includes->is_list()) {
      for (const auto& item : includes->list) {
        if (item.is_scalar())
          merge_into(merged, load_recursive(dir / item.text, depth + 1, chain, diagnostics, item.where));
        else
          diagnostics.push_back({item.where, "include", "expected a file path", ""});
      }
    } else {
      diagnostics.push_back({includes->where, "include", "expected a list of file paths", ""});
    }
  }
  chain.pop_back();
  merge_into(merged, remove_key(remove_key(std::move(own), "extends"), "include"));
  return merged;
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

Location Node::key_location(std::string_view key) const {
  for (std::size_t i = 0; i < map.size(); ++i)
    if (map[i].first == key) return key_where[i];
  return where;
}

Node parse_yaml(const std::string& text, const std::string& file_name, Diagnostics& diagnostics) {
  try {
    const YAML::Node root = YAML::Load(text);
    return convert(root, file_name, 0, diagnostics);
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({location_of(e.mark, file_name), "", "YAML syntax: " + e.msg, ""});
  } catch (const std::exception& e) {
    diagnostics.push_back({Location{file_name, 1, 1}, "", std::string("YAML: ") + e.what(), ""});
  }
  return {};
}

Node load_tree(const std::filesystem::path& file, Diagnostics& diagnostics) {
  std::vector<std::filesystem::path> chain;
  return load_recursive(file, 0, chain, diagnostics, Location{});
}

}  // namespace tlsrpt::scenario
