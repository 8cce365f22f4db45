// A fault injected into answers (one file each, registered by a stable name in registry.cpp). A
// fault only says what it does to one answer; matching by name/type, probability and count is the
// FaultTable's job, the same for all of them.
#pragma once

#include <chrono>
#include <memory>

#include "fakedns/fault_spec.hpp"

namespace tlsrpt::fakedns::detail {

struct FaultEffect {
  bool drop = false;          // send nothing (the client times out)
  bool truncate = false;      // UDP: empty answer with TC=1 (TCP answers normally)
  bool wrong_id = false;      // the answer carries another ID
  bool nxdomain = false;      // deny the name even though it exists
  int rcode = -1;             // >= 0: answer with this rcode and no records
  std::chrono::milliseconds delay{0};
};

class Fault {
 public:
  virtual ~Fault() = default;
  virtual void apply(FaultEffect& effect) const = 0;
};

using FaultFactory = std::unique_ptr<Fault> (*)(const FaultSpec&);

// Throws std::invalid_argument for an unknown kind.
std::unique_ptr<Fault> make_fault(const FaultSpec& spec);

std::unique_ptr<Fault> make_servfail_fault(const FaultSpec&);
std::unique_ptr<Fault> make_refused_fault(const FaultSpec&);
std::unique_ptr<Fault> make_drop_fault(const FaultSpec&);
std::unique_ptr<Fault> make_truncate_fault(const FaultSpec&);
std::unique_ptr<Fault> make_wrong_id_fault(const FaultSpec&);
std::unique_ptr<Fault> make_delay_fault(const FaultSpec&);
std::unique_ptr<Fault> make_nxdomain_fault(const FaultSpec&);

}  // namespace tlsrpt::fakedns::detail
