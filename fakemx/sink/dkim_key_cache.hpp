// A cache in front of the sink's DNS key lookups, so a stream of report mail from one reporter asks
// the DNS server once per record lifetime instead of once per message. A key is kept for its
// record's TTL (at most kMaxKeepKey), a missing key for kKeepMissing, so a key published or rolled
// over during a run is seen within seconds. Safe to call from several sessions at once; the DNS
// question itself is asked outside the lock.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/formats/dkim.hpp"

namespace tlsrpt::fakemx::sink {

struct TimedKey {
  std::optional<std::string> record;  // nullopt: no key under that name (or no answer)
  std::chrono::seconds ttl{0};        // the record's TTL
};

using TimedKeyLookup = std::function<TimedKey(std::string_view selector, std::string_view domain)>;
using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

inline constexpr std::chrono::seconds kMaxKeepKey{300};
inline constexpr std::chrono::seconds kKeepMissing{5};

KeyLookup cached_key_lookup(TimedKeyLookup lookup, SteadyNow now = std::chrono::steady_clock::now);

}  // namespace tlsrpt::fakemx::sink
