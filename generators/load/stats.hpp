// Live load statistics: counts by outcome and status, and a latency histogram (log buckets of 1%,
// 1 µs .. ~100 s) so percentiles need constant memory however long the run.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace tlsrpt::gen::load {

class LatencyHistogram {
 public:
  void record(std::chrono::nanoseconds latency);
  double percentile_ms(double p) const;  // p in 0..100; 0 when empty
  std::uint64_t count() const { return count_; }

 private:
  static constexpr std::size_t kBuckets = 1900;
  std::array<std::uint64_t, kBuckets> buckets_{};
  std::uint64_t count_ = 0;
};

struct Outcome {
  bool accepted = false;   // 2xx, 250, or written
  int status = 0;          // HTTP status or SMTP reply code; 0 = no response (transport error)
  std::string error;       // transport error text, empty if a response arrived
  std::chrono::nanoseconds latency{};
};

class LoadStats {
 public:
  void record(const Outcome& o);

  struct Snapshot {
    std::uint64_t sent = 0, accepted = 0, rejected = 0, errors = 0;
    std::map<int, std::uint64_t> by_status;
    std::map<std::string, std::uint64_t> by_error;
    double p50 = 0, p90 = 0, p99 = 0, max_ms = 0;
  };
  Snapshot snapshot() const;

 private:
  mutable std::mutex mu_;
  Snapshot s_;
  LatencyHistogram latency_;
};

// "sent 1000 accepted 998 rejected 2 (413: 2) errors 0  p50 1.2 ms p90 2.0 ms p99 4.1 ms  812/s"
std::string live_line(const LoadStats::Snapshot& s, double elapsed_seconds);
// The end-of-run JSON summary (sorted keys, one object).
std::string summary_json(const LoadStats::Snapshot& s, double elapsed_seconds, const std::string& target,
                         std::uint64_t seed);

}  // namespace tlsrpt::gen::load
