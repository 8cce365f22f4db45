// Query bytes in, answer bytes out: the whole protocol logic, free of sockets (the transports are a
// thin shell around it, and the fuzz target drives it directly).
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fakedns/answers/snapshot.hpp"
#include "fakedns/faults/fault_table.hpp"

namespace tlsrpt::fakedns::detail {

enum class Transport { udp, tcp };

struct ResponseInfo {
  bool send = true;                       // false: say nothing (drop fault, or not a query)
  std::chrono::milliseconds delay{0};     // send after this long
  bool parsed = false;                    // a question was read (qname/qtype are meaningful)
  std::string qname_wire;                 // lower case
  std::uint16_t qtype = 0;
  unsigned rcode = 0;
  bool truncated = false;
  std::string faults;                     // the faults that fired, comma-separated
};

// Fills `out` with the answer to `query`. `faults` may be null.
ResponseInfo respond(const Snapshot& snapshot, FaultTable* faults, std::span<const std::uint8_t> query,
                     Transport transport, std::vector<std::uint8_t>& out);

}  // namespace tlsrpt::fakedns::detail
