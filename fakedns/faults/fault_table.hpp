// The active faults and who they hit: matching by name and type, probability from the seeded Rng,
// and "the next N" counts. Lock-free when empty (the common case on the hot path).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/rng.hpp"
#include "fakedns/fault_spec.hpp"
#include "fakedns/faults/fault.hpp"

namespace tlsrpt::fakedns::detail {

class FaultTable {
 public:
  explicit FaultTable(std::uint64_t seed) : rng_(Rng(seed).fork("dns-faults")) {}

  void add(const FaultSpec& spec);  // throws std::invalid_argument (unknown kind, bad name/type)
  void clear();
  std::vector<FaultSpec> active() const;

  // The combined effect on a query (lower-case wire name); names the faults that fired in `fired`.
  FaultEffect decide(std::string_view wire_name, std::uint16_t qtype, std::string* fired);

 private:
  struct Rule {
    FaultSpec spec;
    std::string wire_name;  // empty: any
    std::uint16_t type = 0;  // 0: any
    std::unique_ptr<Fault> fault;
  };
  mutable std::mutex mu_;
  std::vector<Rule> rules_;
  std::atomic<bool> any_{false};
  Rng rng_;
};

}  // namespace tlsrpt::fakedns::detail
