// Internals shared by the load workers (one file per transport). Asio stays out of public headers.
#pragma once

#include "generators/transport/asio_coro.hpp"

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "generators/load/ledger.hpp"
#include "generators/load/load_runner.hpp"
#include "generators/load/stats.hpp"
#include "generators/load/target.hpp"
#include "generators/output/factory.hpp"
#include "generators/transport/report_client.hpp"

namespace tlsrpt::gen::load {

using Clock = std::chrono::steady_clock;

// Hands out sequence numbers, paced to the target rate and bounded by count and deadline.
class Pacer {
 public:
  Pacer(std::uint64_t count, double rate, Clock::time_point start, std::optional<Clock::time_point> stop)
      : count_(count), rate_(rate), start_(start), stop_(stop) {}
  boost::asio::awaitable<std::optional<std::uint64_t>> take();

 private:
  std::atomic<std::uint64_t> next_{0};
  std::uint64_t count_;
  double rate_;
  Clock::time_point start_;
  std::optional<Clock::time_point> stop_;
};

// Report bytes for sequence number `seq` (each worker owns one; not shared between workers).
using ArtifactSource = std::function<Artifact(std::uint64_t seq)>;

struct Shared {
  Target target;
  LoadOptions options;
  boost::asio::ssl::context* tls = nullptr;
  Pacer* pacer = nullptr;
  LoadStats* stats = nullptr;
  Ledger* ledger = nullptr;
  std::function<ArtifactSource()> make_source;
  std::chrono::milliseconds timeout() const {
    return std::chrono::milliseconds(static_cast<std::int64_t>(options.timeout_seconds * 1000));
  }
  void finish(std::uint64_t seq, const Artifact& a, Outcome o, std::string response) const;
};

// The receiver's answer as the statistics and the ledger count it.
inline Outcome outcome_of(const transport::Response& r) {
  Outcome o;
  o.status = r.error.empty() ? r.status : 0;
  o.accepted = r.ok();
  o.error = r.error;
  o.latency = r.latency;
  return o;
}

boost::asio::awaitable<void> https_worker(const Shared& shared);
boost::asio::awaitable<void> smtp_worker(const Shared& shared);
boost::asio::awaitable<void> drop_worker(const Shared& shared);

}  // namespace tlsrpt::gen::load
