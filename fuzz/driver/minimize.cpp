#include "fuzz/driver/minimize.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

#include "core/formats/gzip.hpp"

namespace tlsrpt::fuzz {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

class Tries {
 public:
  Tries(const std::function<bool(const std::string&)>& reproduces, const MinimizeBudget& budget)
      : reproduces_(reproduces), budget_(budget), deadline_(Clock::now() + budget.max_time) {}
  bool exhausted() const { return attempts_ >= budget_.max_attempts || Clock::now() >= deadline_; }
  bool operator()(const std::string& candidate) {
    if (exhausted()) return false;
    ++attempts_;
    return reproduces_(candidate);
  }
  std::size_t attempts() const { return attempts_; }

 private:
  const std::function<bool(const std::string&)>& reproduces_;
  MinimizeBudget budget_;
  Clock::time_point deadline_;
  std::size_t attempts_ = 0;
};

// Every removable node (an object member or an array element) as a JSON pointer, parents first
// so whole subtrees go before their leaves.
void removable_nodes(const Json& node, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) out.push_back(at / key);
    for (const auto& [key, value] : node.items()) removable_nodes(value, at / key, out);
  } else if (node.is_array()) {
    for (std::size_t i = node.size(); i-- > 0;) out.push_back(at / i);
    for (std::size_t i = 0; i < node.size(); ++i) removable_nodes(node[i], at / i, out);
  }
}

bool erase_at(Json& doc, const Json::json_pointer& ptr) {
  if (ptr.empty()) return false;
  auto& parent = doc.at(ptr.parent_pointer());
  const auto& key = ptr.back();
  if (parent.is_object()) return parent.erase(key) > 0;
  if (parent.is_array()) {
    const auto i = std::stoul(key);
    if (i >= parent.size()) return false;
    parent.erase(parent.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
  }
  return false;
}

// One pass over the tree; returns true when anything was dropped.
bool shrink_json_once(Json& doc, const std::function<bool(const Json&)>& still) {
  std::vector<Json::json_pointer> nodes;
  removable_nodes(doc, Json::json_pointer(), nodes);
  bool changed = false;
  for (const auto& ptr : nodes) {
    if (!doc.contains(ptr)) continue;
    Json candidate = doc;
    if (!erase_at(candidate, ptr)) continue;
    if (still(candidate)) {
      doc = std::move(candidate);
      changed = true;
    }
  }
  return changed;
}

// Nesting depth by brackets outside strings; the JSON library recurses, so very deep input is
// left to the byte pass.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

constexpr std::size_t kMaxStructuralDepth = 256;

std::string shrink_json(const std::string& text, Tries& tries, const std::function<std::string(const std::string&)>& wrap,
                        bool& applied) {
  if (nesting_depth(text) > kMaxStructuralDepth) return text;
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !(doc.is_object() || doc.is_array())) return text;
  // Re-serialising may lose what mattered (duplicate keys, odd spacing): only go on if it does not.
  if (!tries(wrap(doc.dump()))) return text;
  applied = true;
  const auto still = [&](const Json& candidate) { return tries(wrap(candidate.dump())); };
  while (!tries.exhausted() && shrink_json_once(doc, still)) {
  }
  return doc.dump();
}

std::string shrink_bytes(std::string data, Tries& tries, const std::function<std::string(const std::string&)>& wrap) {
  std::size_t chunks = 2;
  while (data.size() >= 2 && !tries.exhausted()) {
    const std::size_t size = (data.size() + chunks - 1) / chunks;
    bool removed = false;
    for (std::size_t start = 0; start < data.size() && !tries.exhausted(); start += size) {
      std::string candidate = data.substr(0, start) + data.substr(std::min(data.size(), start + size));
      if (tries(wrap(candidate))) {
        data = std::move(candidate);
        removed = true;
        break;
      }
    }
    if (removed) {
      chunks = std::max<std::size_t>(2, chunks - 1);
    } else {
      if (size <= 1) break;
      chunks = std::min(data.size(), chunks * 2);
    }
  }
  return data;
}

}  // namespace

Minimized minimize(const std::string& input, const std::function<bool(const std::string&)>& reproduces,
                   const MinimizeBudget& budget) {
  Tries tries(reproduces, budget);
  Minimized result;
  const auto identity = [](const std::string& s) { return s; };
  const auto regzip = [](const std::string& s) { return gzip_compress(s); };

  if (looks_gzipped(input)) {
    InflateLimits limits;
    limits.max_output = 4u << 20;
    const auto inflated = gunzip_capped(input, limits);
    if (inflated.ok() && tries(regzip(inflated.data))) {
      auto json = shrink_json(inflated.data, tries, regzip, result.structural);
      json = shrink_bytes(std::move(json), tries, regzip);
      result.bytes = regzip(json);
    } else {
      result.bytes = shrink_bytes(input, tries, identity);
    }
  } else {
    auto text = shrink_json(input, tries, identity, result.structural);
    result.bytes = shrink_bytes(std::move(text), tries, identity);
  }
  result.attempts = tries.attempts();
  if (result.bytes.size() >= input.size()) result.bytes = input;
  return result;
}

}  // namespace tlsrpt::fuzz
