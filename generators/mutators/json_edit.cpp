#include "generators/mutators/json_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {

void collect(const Json& j, const Pointer& at, std::initializer_list<std::string_view> keys, std::vector<Pointer>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const auto child = at / it.key();
      for (auto k : keys)
        if (it.key() == k) out.push_back(child);
      collect(it.value(), child, keys, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) collect(j[i], at / i, keys, out);
  }
}

}  // namespace

bool nests_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::optional<Json> parse_json(std::string_view text) {
  if (nests_deeper_than(text, kMaxEditDepth)) return std::nullopt;
  auto j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::ignore); }

std::vector<Pointer> members_named(const Json& j, std::initializer_list<std::string_view> keys) {
  std::vector<Pointer> out;
  collect(j, Pointer{}, keys, out);
  return out;
}

std::optional<Pointer> pick_member(const Json& j, std::initializer_list<std::string_view> keys, Rng& rng) {
  const auto all = members_named(j, keys);
  if (all.empty()) return std::nullopt;
  return all[rng.below(all.size())];
}

std::string raw_splice(std::string text, std::string_view raw) {
  const std::string quoted = "\"" + std::string(kRawMarker) + "\"";
  const auto pos = text.find(quoted);
  if (pos != std::string::npos) text.replace(pos, quoted.size(), raw);
  return text;
}

std::optional<Pointer> ensure_detail(Json& j) {
  if (!j.is_object() || !j.contains("policies") || !j["policies"].is_array() || j["policies"].empty() ||
      !j["policies"][0].is_object())
    return std::nullopt;
  auto& policy = j["policies"][0];
  if (!policy.contains("failure-details") || !policy["failure-details"].is_array()) policy["failure-details"] = Json::array();
  auto& details = policy["failure-details"];
  if (details.empty() || !details[0].is_object()) {
    details.insert(details.begin(), Json{{"result-type", "certificate-expired"},
                                        {"sending-mta-ip", "192.0.2.10"},
                                        {"receiving-mx-hostname", "mx1.example.com"},
                                        {"receiving-ip", "198.51.100.25"},
                                        {"failed-session-count", 1}});
  }
  return Pointer("/policies/0/failure-details/0");
}

long long int_arg(std::string_view arg, long long fallback, long long lo, long long hi) {
  if (arg.empty()) return fallback;
  long long v = 0;
  for (char c : arg) {
    if (c < '0' || c > '9' || v > hi) return fallback;
    v = v * 10 + (c - '0');
  }
  return v < lo || v > hi ? fallback : v;
}

Mutation unchanged(std::string_view input, std::string why) {
  return Mutation{std::string(input), std::move(why), false};
}

}  // namespace tlsrpt::gen::mut
