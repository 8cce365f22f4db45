#include "conformance/expect/expect_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>

#include "conformance/cases/case.hpp"
#include "core/util/file_text.hpp"

namespace tlsrpt::conformance {
namespace {

constexpr std::size_t kMinLiteral = 8;

[[noreturn]] void bad(const std::string& name, const YAML::Node& node, const std::string& what) {
  throw std::invalid_argument(name + ":" + std::to_string(node.Mark().line + 1) + ": " + what);
}

void read_list(const YAML::Node& list, Expectation kind, const std::string& name, ExpectFile& out) {
  if (!list.IsSequence()) bad(name, list, "expected a list of {case, reason}");
  for (const auto& item : list) {
    if (!item.IsMap()) bad(name, item, "each entry is {case: ID-OR-PATTERN, reason: WHY}");
    ExpectEntry e;
    e.kind = kind;
    e.line = item.Mark().line + 1;
    for (const auto& kv : item) {
      const auto key = kv.first.as<std::string>();
      if (key == "case") e.pattern = kv.second.as<std::string>();
      else if (key == "reason") e.reason = kv.second.as<std::string>();
      else bad(name, kv.first, "unknown key '" + key + "' (case, reason)");
    }
    if (e.pattern.empty()) bad(name, item, "the entry has no 'case'");
    if (e.reason.empty()) bad(name, item, "'" + e.pattern + "' has no reason");
    const auto literal = static_cast<std::size_t>(std::count_if(e.pattern.begin(), e.pattern.end(), [](char c) { return c != '*'; }));
    if (literal < kMinLiteral) bad(name, item, "'" + e.pattern + "' is too broad (keep 8 literal characters)");
    const auto cases = catalogue();
    if (std::none_of(cases.begin(), cases.end(), [&](const Case& c) { return glob_match(e.pattern, c.id); }))
      bad(name, item, "'" + e.pattern + "' matches no case (conformance --list shows the ids)");
    out.entries.push_back(std::move(e));
  }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative '*' matching with one backtrack point.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const ExpectEntry* ExpectFile::match(std::string_view case_id) const {
  for (auto kind : {Expectation::not_supported, Expectation::fail})
    for (const auto& e : entries)
      if (e.kind == kind && glob_match(e.pattern, case_id)) return &e;
  return nullptr;
}

ExpectFile parse_expect(const std::string& yaml_text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  ExpectFile out;
  if (root.IsNull()) return out;
  if (!root.IsMap()) bad(name, root, "expected 'expected-failures:' and/or 'not-supported:'");
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    if (key == "expected-failures") read_list(kv.second, Expectation::fail, name, out);
    else if (key == "not-supported") read_list(kv.second, Expectation::not_supported, name, out);
    else bad(name, kv.first, "unknown key '" + key + "' (expected-failures, not-supported)");
  }
  return out;
}

ExpectFile load_expect_file(const std::filesystem::path& file) {
  const auto text = read_whole_file(file);
  if (!text) throw std::invalid_argument("cannot read " + file.string());
  return parse_expect(*text, file.string());
}

}  // namespace tlsrpt::conformance
