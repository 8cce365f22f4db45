// Time is an input (blueprint habit 7): one virtual clock drives certificate checks, retries,
// caches and UTC day windows. Seconds since the Unix epoch, UTC.
#pragma once

#include <atomic>
#include <cstdint>

namespace tlsrpt {

using UnixSeconds = std::int64_t;

class VirtualClock {
 public:
  explicit VirtualClock(UnixSeconds start = 0) : now_(start) {}
  UnixSeconds now() const { return now_.load(std::memory_order_relaxed); }
  void set(UnixSeconds t) { now_.store(t, std::memory_order_relaxed); }
  void advance(UnixSeconds by) { now_.fetch_add(by, std::memory_order_relaxed); }

 private:
  std::atomic<UnixSeconds> now_;
};

}  // namespace tlsrpt
