#include "fakedns/faults/fault_table.hpp"

#include <algorithm>
#include <stdexcept>

#include "fakedns/answers/snapshot.hpp"
#include "fakedns/ldns_util.hpp"

namespace tlsrpt::fakedns::detail {

void FaultTable::add(const FaultSpec& spec) {
  Rule rule;
  rule.spec = spec;
  rule.fault = make_fault(spec);
  if (spec.probability < 0 || spec.probability > 1)
    throw std::invalid_argument("fault probability must be within 0..1");
  if (!spec.name.empty()) {
    std::string name = spec.name;
    if (name.back() != '.') name += '.';
    rule.wire_name = wire_name(parse_dname(name).get());
  }
  if (!spec.type.empty()) {
    rule.type = static_cast<std::uint16_t>(ldns_get_rr_type_by_name(spec.type.c_str()));
    if (rule.type == 0) throw std::invalid_argument("unknown record type '" + spec.type + "'");
  }
  std::lock_guard lock(mu_);
  rules_.push_back(std::move(rule));
  any_.store(true, std::memory_order_release);
}

void FaultTable::clear() {
  std::lock_guard lock(mu_);
  rules_.clear();
  any_.store(false, std::memory_order_release);
}

std::vector<FaultSpec> FaultTable::active() const {
  std::lock_guard lock(mu_);
  std::vector<FaultSpec> out;
  for (const auto& r : rules_) out.push_back(r.spec);
  return out;
}

FaultEffect FaultTable::decide(std::string_view wire, std::uint16_t qtype, std::string* fired) {
  FaultEffect effect;
  if (!any_.load(std::memory_order_acquire)) return effect;
  std::lock_guard lock(mu_);
  for (auto& rule : rules_) {
    if (!rule.wire_name.empty() && rule.wire_name != wire) continue;
    if (rule.type != 0 && rule.type != qtype) continue;
    if (rule.spec.probability < 1.0 && !rng_.chance(rule.spec.probability)) continue;
    if (rule.spec.count && *rule.spec.count == 0) continue;
    rule.fault->apply(effect);
    if (rule.spec.count) --*rule.spec.count;
    if (fired) *fired += (fired->empty() ? "" : ",") + rule.spec.kind;
  }
  rules_.erase(std::remove_if(rules_.begin(), rules_.end(),
                              [](const Rule& r) { return r.spec.count && *r.spec.count == 0; }),
               rules_.end());
  any_.store(!rules_.empty(), std::memory_order_release);
  return effect;
}

}  // namespace tlsrpt::fakedns::detail
