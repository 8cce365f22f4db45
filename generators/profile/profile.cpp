#include "generators/profile/profile.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <stdexcept>

#include "core/report/result_types.hpp"
#include "core/util/file_text.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::gen {
namespace {

[[noreturn]] void fail(const YAML::Node& node, const std::string& what) {
  const auto mark = node.Mark();
  throw std::invalid_argument("profile line " + std::to_string(mark.line + 1) + ", column " +
                              std::to_string(mark.column + 1) + ": " + what);
}

void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> known) {
  if (!map.IsMap()) fail(map, "expected a mapping");
  for (const auto& kv : map) {
    const auto key = kv.first.as<std::string>();
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found) fail(kv.first, "unknown key '" + key + "'");
  }
}

template <typename T>
T get(const YAML::Node& node, const char* what) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    fail(node, std::string("bad value for ") + what);
  }
}

Range range_of(const YAML::Node& node, const char* what) {
  if (node.IsScalar()) {
    const auto v = get<std::int64_t>(node, what);
    return {v, v};
  }
  only_keys(node, {"min", "max"});
  return {get<std::int64_t>(node["min"], what), get<std::int64_t>(node["max"], what)};
}

std::vector<Weighted> weights_of(const YAML::Node& node, const char* what) {
  if (!node.IsMap()) fail(node, std::string(what) + " is a mapping of name: weight");
  std::vector<Weighted> out;
  for (const auto& kv : node) out.push_back({kv.first.as<std::string>(), get<double>(kv.second, what)});
  return out;
}

}  // namespace

Range size_preset(std::string_view name) {
  if (name == "tiny") return {0, 1};
  if (name == "small") return {1, 4};
  if (name == "medium") return {6, 10};
  if (name == "large") return {100, 500};
  if (name == "huge") return {10000, 30000};
  throw std::invalid_argument("unknown size '" + std::string(name) +
                              "' (tiny, small, medium, large, huge)");
}

GenerationProfile parse_profile(const std::string& yaml_text) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(std::string("profile: ") + e.what());
  }
  GenerationProfile p;
  if (!root || root.IsNull()) return p;
  if (!root.IsMap()) fail(root, "a profile is a mapping");
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    const auto& v = kv.second;
    if (key == "seed") p.seed = get<std::uint64_t>(v, "seed");
    else if (key == "count") p.count = get<std::uint64_t>(v, "count");
    else if (key == "start") p.start_date = get<std::string>(v, "start");
    else if (key == "days") p.days = get<int>(v, "days");
    else if (key == "size") p.failure_details = size_preset(get<std::string>(v, "size"));
    else if (key == "failure-details") p.failure_details = range_of(v, "failure-details");
    else if (key == "sessions") p.sessions = range_of(v, "sessions");
    else if (key == "failing-share") p.failing_policy_share = get<double>(v, "failing-share");
    else if (key == "domain-count") p.domain_count = get<int>(v, "domain-count");
    else if (key == "policy-mix") p.policy_mix = weights_of(v, "policy-mix");
    else if (key == "failure-mix") p.failure_mix = weights_of(v, "failure-mix");
    else if (key == "ips") p.ips = get<std::vector<std::string>>(v, "ips");
    else if (key == "reporters") {
      if (!v.IsSequence()) fail(v, "reporters is a list");
      for (const auto& r : v) {
        ReporterSpec spec;
        if (r.IsScalar()) {
          spec.personality = r.as<std::string>();
        } else {
          only_keys(r, {"personality", "organization", "contact", "submitter", "weight"});
          if (r["personality"]) spec.personality = get<std::string>(r["personality"], "personality");
          if (r["organization"]) spec.organization = get<std::string>(r["organization"], "organization");
          if (r["contact"]) spec.contact = get<std::string>(r["contact"], "contact");
          if (r["submitter"]) spec.submitter = get<std::string>(r["submitter"], "submitter");
          if (r["weight"]) spec.weight = get<double>(r["weight"], "weight");
        }
        p.reporters.push_back(spec);
      }
    } else if (key == "domains") {
      if (!v.IsSequence()) fail(v, "domains is a list");
      for (const auto& d : v) {
        DomainSpec spec;
        if (d.IsScalar()) {
          spec.name = d.as<std::string>();
        } else {
          only_keys(d, {"name", "mx"});
          spec.name = get<std::string>(d["name"], "name");
          if (d["mx"]) spec.mx = get<std::vector<std::string>>(d["mx"], "mx");
        }
        p.domains.push_back(spec);
      }
    } else {
      fail(kv.first, "unknown key '" + key + "'");
    }
  }
  return p;
}

GenerationProfile load_profile(const std::filesystem::path& file) {
  const auto text = read_whole_file(file);
  if (!text) throw std::invalid_argument("cannot read profile " + file.string());
  return parse_profile(*text);
}

void finalize(GenerationProfile& p) {
  auto need = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument(what);
  };
  need(p.days >= 1 && p.days <= 3660, "days must be 1..3660");
  need(p.domain_count >= 1 && p.domain_count <= 1000000, "domain-count must be 1..1000000");
  need(p.sessions.min >= 1 && p.sessions.min <= p.sessions.max, "sessions: need 1 <= min <= max");
  need(p.failure_details.min >= 0 && p.failure_details.min <= p.failure_details.max &&
           p.failure_details.max <= 100000,
       "failure-details: need 0 <= min <= max <= 100000");
  need(p.failing_policy_share >= 0 && p.failing_policy_share <= 1, "failing-share must be 0..1");
  need(p.start_date.size() == 10, "start must be YYYY-MM-DD");
  if (p.reporters.empty()) p.reporters.push_back({});
  for (const auto& r : p.reporters) {
    need(find_personality(r.personality) != nullptr,
         "unknown personality '" + r.personality + "' (see generate --list-personalities)");
    need(r.weight > 0, "reporter weight must be > 0");
  }
  if (p.domains.empty())
    for (int i = 0; i < p.domain_count; ++i) p.domains.push_back({"d" + std::to_string(i) + ".example", {}});
  std::set<std::string> names;
  for (auto& d : p.domains) {
    need(!d.name.empty(), "a domain needs a name");
    need(names.insert(d.name).second, "domain '" + d.name + "' is listed twice");
    if (d.mx.empty()) d.mx = {"mx1." + d.name, "mx2." + d.name};
  }
  if (p.policy_mix.empty()) p.policy_mix = {{"sts", 60}, {"tlsa", 25}, {"no-policy-found", 15}};
  for (const auto& w : p.policy_mix)
    need(w.name == "sts" || w.name == "tlsa" || w.name == "no-policy-found",
         "policy-mix: unknown policy type '" + w.name + "' (sts, tlsa, no-policy-found)");
  if (p.failure_mix.empty())
    p.failure_mix = {{"certificate-expired", 3},     {"certificate-host-mismatch", 2},
                     {"certificate-not-trusted", 2}, {"starttls-not-supported", 2},
                     {"validation-failure", 1},      {"sts-policy-fetch-error", 1},
                     {"sts-webpki-invalid", 0.5},    {"sts-policy-invalid", 0.5},
                     {"tlsa-invalid", 1},            {"dnssec-invalid", 0.5},
                     {"dane-required", 0.5}};
  for (const auto& w : p.failure_mix)
    need(find_result_type(w.name) != nullptr, "failure-mix: '" + w.name + "' is not a registry result type");
  for (const auto* mix : {&p.policy_mix, &p.failure_mix})
    for (const auto& w : *mix) need(w.weight >= 0, "weights must be >= 0");
  double policy_weight = 0;
  for (const auto& w : p.policy_mix) policy_weight += w.weight;
  need(policy_weight > 0, "policy-mix: at least one weight must be above 0");
}

}  // namespace tlsrpt::gen
