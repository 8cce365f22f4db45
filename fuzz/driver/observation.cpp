#include "fuzz/driver/observation.hpp"

namespace tlsrpt::fuzz {

std::string_view to_string(FindingClass c) {
  switch (c) {
    case FindingClass::none: return "none";
    case FindingClass::crash: return "crash";
    case FindingClass::hang: return "hang";
    case FindingClass::memory: return "memory";
    case FindingClass::server_error: return "server-error";
    case FindingClass::reset: return "reset";
    case FindingClass::dead: return "dead";
    case FindingClass::verdict_mismatch: return "verdict-mismatch";
  }
  return "none";
}

}  // namespace tlsrpt::fuzz
