#include "sim/scenario/validate.hpp"

#include <charconv>

#include "core/util/datetime.hpp"
#include "sim/scenario/count.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/time_text.hpp"

namespace tlsrpt::scenario {
namespace {

struct Walker {
  Diagnostics& out;

  void error(const Location& where, const std::string& key, std::string message, std::string suggestion = {}) {
    out.push_back({where, key, std::move(message), std::move(suggestion)});
  }

  static bool is_integer(const std::string& text) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size();
  }

  void check_value(const Node& node, const KeySpec& spec, const std::string& schema_path, const std::string& shown) {
    auto expect_scalar = [&]() {
      if (node.is_scalar()) return true;
      error(node.where, shown, "expected a " + std::string(to_string(spec.type)));
      return false;
    };
    switch (spec.type) {
      case KeyType::string:
        expect_scalar();
        break;
      case KeyType::integer:
        if (expect_scalar() && !is_integer(node.text)) error(node.where, shown, "expected an integer, got '" + node.text + "'");
        break;
      case KeyType::boolean:
        if (expect_scalar() && node.text != "true" && node.text != "false")
          error(node.where, shown, "expected true or false, got '" + node.text + "'");
        break;
      case KeyType::datetime:
        if (expect_scalar() && !parse_rfc3339(node.text))
          error(node.where, shown, "expected an RFC 3339 instant such as 2026-03-01T14:00:00Z, got '" + node.text + "'");
        break;
      case KeyType::time:
        if (expect_scalar() && !parse_time_text(node.text))
          error(node.where, shown, "expected a time such as 14:00, 'day 2 14:00' or an RFC 3339 instant, got '" + node.text + "'");
        break;
      case KeyType::count:
        if (expect_scalar() && !parse_count(node.text))
          error(node.where, shown, "expected a count such as 12, 10..20, >0, >=5 or <3, got '" + node.text + "'");
        break;
      case KeyType::strings:
        if (node.is_list()) {
          for (const auto& item : node.list)
            if (!item.is_scalar()) error(item.where, shown, "expected a string");
        } else {
          expect_scalar();
        }
        break;
      case KeyType::choice:
        if (expect_scalar()) {
          bool known = false;
          for (const auto& c : spec.choices) known = known || c == node.text;
          if (!known) {
            std::string all;
            for (const auto& c : spec.choices) all += (all.empty() ? "" : ", ") + c;
            error(node.where, shown, "'" + node.text + "' is not one of: " + all, nearest(node.text, spec.choices));
          }
        }
        break;
      case KeyType::list:
        if (!node.is_list()) {
          error(node.where, shown, "expected a list");
          break;
        }
        for (std::size_t i = 0; i < node.list.size(); ++i) {
          const auto& item = node.list[i];
          const std::string item_shown = shown + "[" + std::to_string(i) + "]";
          if (!item.is_map()) error(item.where, item_shown, "expected a map of keys");
          else check_map(item, schema_path + "[]", item_shown);
        }
        break;
      case KeyType::map:
        if (!node.is_map()) error(node.where, shown, "expected a map of keys");
        else check_map(node, schema_path, shown);
        break;
      case KeyType::cert:
        if (node.is_map()) check_map(node, "certs.*", shown);
        else expect_scalar();
        break;
    }
  }

  void check_map(const Node& node, const std::string& schema_parent, const std::string& shown_parent) {
    const auto allowed = child_keys(schema_parent);
    const std::string wildcard = schema_parent.empty() ? "*" : schema_parent + ".*";
    const KeySpec* any_key = find_key(wildcard);
    for (std::size_t i = 0; i < node.map.size(); ++i) {
      const auto& [key, value] = node.map[i];
      const std::string shown = display_path(shown_parent, key);
      const std::string schema_path = schema_parent.empty() ? key : schema_parent + "." + key;
      if (const KeySpec* spec = find_key(schema_path)) {
        check_value(value, *spec, schema_path, shown);
      } else if (any_key) {
        check_value(value, *any_key, wildcard, shown);
      } else {
        error(node.key_where[i], shown, "unknown key", nearest(key, allowed));
      }
    }
    for (const auto& spec : schema()) {
      const auto path = std::string(spec.path);
      if (!spec.required || path.rfind(schema_parent.empty() ? "" : schema_parent + ".", 0) != 0) continue;
      const std::string rest = schema_parent.empty() ? path : path.substr(schema_parent.size() + 1);
      if (rest.find('.') != std::string::npos || rest == "*") continue;
      if (!node.find(rest)) error(node.where, display_path(shown_parent, rest), "required key is missing");
    }
  }
};

}  // namespace

std::string display_path(const std::string& parent_display, const std::string& key) {
  return parent_display.empty() ? key : parent_display + "." + key;
}

void validate_tree(const Node& root, Diagnostics& diagnostics) {
  if (!root.is_map()) return;
  Walker{diagnostics}.check_map(root, "", "");
}

}  // namespace tlsrpt::scenario
