// Reports per second to .json.gz for ~2 KB reports (one core), against baselines measured in the
// same run: memcpy of the same gzip bytes (the floor of handing out a report), core's emit_json
// alone, and a fresh zlib stream per report (what a naive generator does). Compare the
// items_per_second of BM_GenerateJsonGz (at the default level auto, and at
// --gzip-level 6 and 1) with each baseline row. BM_Baseline_LibdeflateOnly is the compression alone
// (auto is level 1 for these reports, under 16 KiB of JSON). BM_Synthesize and BM_WriteReportJson
// are the two steps before compression on their own. Figures: docs/generate.md.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstring>
#include <vector>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "generators/output/factory.hpp"
#include "generators/output/report_json.hpp"
#include "generators/synth/synthesize.hpp"

namespace {

using namespace tlsrpt;
using namespace tlsrpt::gen;

GenerationProfile medium_profile() {
  GenerationProfile p;
  p.count = 1u << 30;
  p.failure_details = size_preset("medium");
  p.failing_policy_share = 1;
  p.reporters = {{"google"}, {"postfix"}, {"strict-rfc"}};
  finalize(p);
  return p;
}

ReportFactory factory(Format format, int gzip_level = kGzipLevelAuto) {
  FactoryOptions options;
  options.format = format;
  options.gzip_level = gzip_level;
  return ReportFactory(medium_profile(), options);
}

std::string fresh_zlib_gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

void BM_Baseline_MemcpyOfTheGzipBytes(benchmark::State& state) {
  auto f = factory(Format::json_gz);
  std::vector<std::string> made;
  for (std::uint64_t k = 0; k < 64; ++k) made.push_back(f.make(k).bytes);
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& src = made[i++ % made.size()];
    out.resize(src.size());
    std::memcpy(out.data(), src.data(), src.size());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_MemcpyOfTheGzipBytes);

void BM_Baseline_EmitJsonOnly(benchmark::State& state) {
  const auto p = medium_profile();
  std::vector<Report> reports;
  for (std::uint64_t k = 0; k < 64; ++k) reports.push_back(synthesize(p, k).report);
  std::size_t bytes = 0, i = 0;
  for (auto _ : state) {
    auto json = emit_json(reports[i++ % reports.size()]);
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["json_bytes_per_report"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Baseline_EmitJsonOnly);

void BM_Baseline_FreshZlibStreamPerReport(benchmark::State& state) {
  const auto p = medium_profile();
  std::uint64_t k = 0;
  for (auto _ : state) {
    const auto g = synthesize(p, k++);
    benchmark::DoNotOptimize(fresh_zlib_gzip(report_json(g.report, shape_of(*g.personality))));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_FreshZlibStreamPerReport);

void BM_Baseline_LibdeflateOnly(benchmark::State& state) {
  const auto p = medium_profile();
  std::vector<std::string> jsons;
  for (std::uint64_t k = 0; k < 64; ++k) {
    const auto g = synthesize(p, k);
    jsons.push_back(report_json(g.report, shape_of(*g.personality)));
  }
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(gzip_compress(jsons[i++ % jsons.size()], static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_LibdeflateOnly)->Arg(6)->Arg(1);


void BM_Synthesize(benchmark::State& state) {
  const auto p = medium_profile();
  Synthesizer synth(p);
  GeneratedReport g;
  std::uint64_t k = 0;
  for (auto _ : state) {
    synth.make(k++, g);
    benchmark::DoNotOptimize(g);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Synthesize);

// The personality-shaped JSON writer alone, into a reused buffer (what ReportFactory does).
void BM_WriteReportJson(benchmark::State& state) {
  const auto p = medium_profile();
  std::vector<GeneratedReport> reports;
  for (std::uint64_t k = 0; k < 64; ++k) reports.push_back(synthesize(p, k));
  std::string out;
  std::size_t bytes = 0, i = 0;
  for (auto _ : state) {
    const auto& g = reports[i++ % reports.size()];
    out.clear();
    write_report_json(g.report, shape_of(*g.personality), out);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_WriteReportJson);

void BM_GenerateJson(benchmark::State& state) {
  auto f = factory(Format::json);
  std::uint64_t k = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto a = f.make(k++);
    bytes += a.bytes.size();
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["json_bytes_per_report"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_GenerateJson);

void BM_GenerateJsonGz(benchmark::State& state) {
  auto f = factory(Format::json_gz, static_cast<int>(state.range(0)));
  std::uint64_t k = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto a = f.make(k++);
    bytes += a.bytes.size();
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["gz_bytes_per_report"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_GenerateJsonGz)->Arg(kGzipLevelAuto)->Arg(6)->Arg(1);  // --gzip-level auto (the default), 6, 1

}  // namespace
