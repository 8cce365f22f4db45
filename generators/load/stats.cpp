#include "generators/load/stats.hpp"

#include <fmt/format.h>

#include <cmath>

#include "generators/output/report_json.hpp"

namespace tlsrpt::gen::load {
namespace {

constexpr double kGrowth = 1.01;

std::size_t bucket_of(double micros) {
  if (micros <= 1) return 0;
  const auto b = static_cast<std::size_t>(std::log(micros) / std::log(kGrowth));
  return b;
}

}  // namespace

void LatencyHistogram::record(std::chrono::nanoseconds latency) {
  const auto b = bucket_of(static_cast<double>(latency.count()) / 1000.0);
  ++buckets_[b < kBuckets ? b : kBuckets - 1];
  ++count_;
}

double LatencyHistogram::percentile_ms(double p) const {
  if (count_ == 0) return 0;
  const auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    seen += buckets_[b];
    if (seen >= rank && seen > 0) return std::pow(kGrowth, static_cast<double>(b) + 0.5) / 1000.0;
  }
  return std::pow(kGrowth, static_cast<double>(kBuckets)) / 1000.0;
}

void LoadStats::record(const Outcome& o) {
  std::lock_guard lock(mu_);
  ++s_.sent;
  if (!o.error.empty()) {
    ++s_.errors;
    ++s_.by_error[o.error];
  } else {
    ++s_.by_status[o.status];
    ++(o.accepted ? s_.accepted : s_.rejected);
    latency_.record(o.latency);
    const double ms = static_cast<double>(o.latency.count()) / 1e6;
    if (ms > s_.max_ms) s_.max_ms = ms;
  }
}

LoadStats::Snapshot LoadStats::snapshot() const {
  std::lock_guard lock(mu_);
  Snapshot s = s_;
  s.p50 = latency_.percentile_ms(50);
  s.p90 = latency_.percentile_ms(90);
  s.p99 = latency_.percentile_ms(99);
  return s;
}

std::string live_line(const LoadStats::Snapshot& s, double elapsed) {
  std::string rejected;
  for (const auto& [status, n] : s.by_status)
    if (status < 200 || status >= 300) rejected += fmt::format("{}{}: {}", rejected.empty() ? " (" : ", ", status, n);
  if (!rejected.empty()) rejected += ")";
  return fmt::format("sent {} accepted {} rejected {}{} errors {}  p50 {:.2f} ms p90 {:.2f} ms p99 {:.2f} ms  {:.0f}/s",
                     s.sent, s.accepted, s.rejected, rejected, s.errors, s.p50, s.p90, s.p99,
                     elapsed > 0 ? static_cast<double>(s.sent) / elapsed : 0.0);
}

std::string summary_json(const LoadStats::Snapshot& s, double elapsed, const std::string& target, std::uint64_t seed) {
  std::string out = "{\"accepted\":" + std::to_string(s.accepted) + ",\"by_status\":{";
  bool first = true;
  for (const auto& [status, n] : s.by_status) {
    out += fmt::format("{}\"{}\":{}", first ? "" : ",", status, n);
    first = false;
  }
  out += "},\"elapsed_seconds\":" + fmt::format("{:.3f}", elapsed) + ",\"errors\":" + std::to_string(s.errors);
  out += ",\"errors_by_kind\":{";
  first = true;
  for (const auto& [text, n] : s.by_error) {
    if (!first) out += ',';
    append_json_string(out, text);
    out += ":" + std::to_string(n);
    first = false;
  }
  out += fmt::format("}},\"latency_ms\":{{\"max\":{:.3f},\"p50\":{:.3f},\"p90\":{:.3f},\"p99\":{:.3f}}}", s.max_ms,
                     s.p50, s.p90, s.p99);
  out += fmt::format(",\"per_second\":{:.1f},\"rejected\":{},\"seed\":{},\"sent\":{},\"target\":",
                     elapsed > 0 ? static_cast<double>(s.sent) / elapsed : 0.0, s.rejected, seed, s.sent);
  append_json_string(out, target);
  out += "}\n";
  return out;
}

}  // namespace tlsrpt::gen::load
