#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns {
namespace detail {
namespace {

const std::vector<std::pair<std::string, FaultFactory>>& registry() {
  static const std::vector<std::pair<std::string, FaultFactory>> table{
      {"servfail", &make_servfail_fault}, {"refused", &make_refused_fault},
      {"drop", &make_drop_fault},         {"truncate", &make_truncate_fault},
      {"wrong-id", &make_wrong_id_fault}, {"delay", &make_delay_fault},
      {"nxdomain", &make_nxdomain_fault},
  };
  return table;
}

}  // namespace

std::unique_ptr<Fault> make_fault(const FaultSpec& spec) {
  for (const auto& [name, factory] : registry())
    if (name == spec.kind) return factory(spec);
  std::string known;
  for (const auto& entry : registry()) known += (known.empty() ? "" : ", ") + entry.first;
  throw std::invalid_argument("unknown DNS fault '" + spec.kind + "' (known: " + known + ")");
}

}  // namespace detail

std::vector<std::string> fault_kinds() {
  std::vector<std::string> names;
  for (const auto& entry : detail::registry()) names.push_back(entry.first);
  return names;
}

}  // namespace tlsrpt::fakedns
