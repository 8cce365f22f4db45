// Aggregator records/s (target: >= 5,000,000 per core) against a baseline measured in the same
// run: a plain std::unordered_map<uint64_t, int64_t> increment per record on the same keys.
#include <benchmark/benchmark.h>

#include <unordered_map>
#include <vector>

#include "core/util/rng.hpp"
#include "sim/mta/aggregate/aggregator.hpp"

namespace {

using namespace tlsrpt;
using namespace tlsrpt::sim;

constexpr UnixSeconds kStart = 20513 * 86400LL;
constexpr std::size_t kRecords = 1 << 20;

// A day of traffic from one sender: 64 recipient domains, 2 MX each, 5% failures spread over
// a few result types, sending IPs and receiving IPs; sessions interleave across domains.
struct Workload {
  Aggregator agg;
  std::vector<SessionRecord> records;
  Workload() {
    Rng rng(42);
    std::vector<PolicyId> policies;
    for (int d = 0; d < 64; ++d) {
      const std::string domain = "d" + std::to_string(d) + ".test";
      policies.push_back(agg.intern(AppliedPolicy{PolicyType::sts, domain,
                                                  {"version: STSv1", "mode: enforce", "mx: *." + domain,
                                                   "max_age: 86400"},
                                                  {"*." + domain}, {}}));
    }
    const ResultType types[] = {ResultType::certificate_expired, ResultType::starttls_not_supported,
                                ResultType::certificate_host_mismatch};
    records.reserve(kRecords);
    for (std::size_t i = 0; i < kRecords; ++i) {
      SessionRecord r;
      r.policy = policies[rng.below(policies.size())];
      r.at = kStart + static_cast<UnixSeconds>(i * 86400 / kRecords);
      r.success = !rng.chance(0.05);
      if (!r.success) {
        r.failure = FailureKey{types[rng.below(3)], agg.intern("127.0.0." + std::to_string(rng.below(4) + 1)),
                               agg.intern("mx" + std::to_string(rng.below(2)) + ".test"), kAbsent,
                               agg.intern("127.1.0." + std::to_string(rng.below(2) + 1)),
                               agg.intern("X509_V_ERR_CERT_HAS_EXPIRED")};
      }
      records.push_back(r);
    }
  }
};

Workload& workload() {
  static Workload w;
  return w;
}

void BM_Aggregator(benchmark::State& state) {
  Workload& w = workload();
  for (auto _ : state) {
    Aggregator agg;
    // Same interned ids in a fresh aggregator: intern the policies in the same order.
    for (PolicyId id = 0; id < 64; ++id) agg.intern(w.agg.policy(id));
    for (const SessionRecord& r : w.records) agg.record(r);
    benchmark::DoNotOptimize(agg.records());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRecords));
}
BENCHMARK(BM_Aggregator)->Unit(benchmark::kMillisecond);

void BM_BaselineUnorderedMapIncrement(benchmark::State& state) {
  Workload& w = workload();
  for (auto _ : state) {
    std::unordered_map<std::uint64_t, std::int64_t> counts;
    for (const SessionRecord& r : w.records)
      ++counts[(static_cast<std::uint64_t>(r.at / 86400) << 32) | r.policy];
    benchmark::DoNotOptimize(counts.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRecords));
}
BENCHMARK(BM_BaselineUnorderedMapIncrement)->Unit(benchmark::kMillisecond);

}  // namespace
