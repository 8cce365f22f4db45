// parse+validate throughput of the report codec, with baselines from the same run: simdjson's DOM
// parse alone, an On-Demand visit of every value (with the project's flags and compiled for AVX2), and
// nlohmann::json::parse (the convenient one). ValidateJson is parse + validate (the findings);
// QuickReadOnly is the quick reader alone, without the rules; InPlace hands it a buffer with
// kJsonPadding spare bytes, so it reads the text where it is instead of copying it; ParseValidate
// also builds the owning Report model.
// The context lines name the SIMD kernels simdjson picked on this machine.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "bench/core/ondemand_haswell.hpp"
#include "bench/core/ondemand_visit.hpp"
#include "bench/core/sample_reports.hpp"
#include "core/json/codec.hpp"
#include "core/json/quick_reader.hpp"
#include "core/json/report_view.hpp"

namespace tlsrpt::bench {
namespace {

#define TLSRPT_STRINGIFY2(x) #x
#define TLSRPT_STRINGIFY(x) TLSRPT_STRINGIFY2(x)

[[maybe_unused]] const bool context_added = [] {
  benchmark::AddCustomContext("simdjson_version", TLSRPT_STRINGIFY(SIMDJSON_VERSION));
  benchmark::AddCustomContext("simdjson_active_implementation", simdjson::get_active_implementation()->name());
  benchmark::AddCustomContext("simdjson_ondemand_compiled_for", TLSRPT_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION));
  return true;
}();

const std::string& small_json() {
  static const std::string json = [] {
    Rng rng(1);
    return emit_json(small_report(rng));
  }();
  return json;
}

const std::string& large_json() {
  static const std::string json = [] {
    Rng rng(2);
    return emit_json(large_report(rng, 5000));
  }();
  return json;
}

void count(benchmark::State& state, const std::string& json) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
  state.counters["report_bytes"] = static_cast<double>(json.size());
}

void parse_validate(benchmark::State& state, const std::string& json, Profile profile) {
  if (!parse_report(json, profile).valid()) state.SkipWithError("sample report is not valid");
  for (auto _ : state) {
    auto r = parse_report(json, profile);
    benchmark::DoNotOptimize(r);
  }
  count(state, json);
}

void validate_only(benchmark::State& state, const std::string& json, Profile profile) {
  if (has_errors(validate_json(json, profile))) state.SkipWithError("sample report is not valid");
  for (auto _ : state) {
    auto findings = validate_json(json, profile);
    benchmark::DoNotOptimize(findings);
  }
  count(state, json);
}

// The text in a buffer with padding to spare, as a reader that allocates for it would hold it.
void validate_in_place(benchmark::State& state, const std::string& json, Profile profile) {
  std::string buffer = json;
  buffer.reserve(json.size() + kJsonPadding);
  const std::string_view text(buffer);
  if (has_errors(validate_json(text, buffer.capacity(), profile))) state.SkipWithError("sample report is not valid");
  for (auto _ : state) {
    auto findings = validate_json(text, buffer.capacity(), profile);
    benchmark::DoNotOptimize(findings);
  }
  count(state, json);
}

void simdjson_only(benchmark::State& state, const std::string& json) {
  simdjson::dom::parser parser;
  for (auto _ : state) {
    simdjson::dom::element root;
    auto error = parser.parse(json.data(), json.size(), true).get(root);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(root);
  }
  count(state, json);
}

// On-Demand compiled with the project's flags: stage 1 is runtime-dispatched (the haswell kernel
// here), the inline value parsing is simdjson's fallback kernel.
void ondemand_walk(benchmark::State& state, const std::string& json) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(json);
  for (auto _ : state) benchmark::DoNotOptimize(visit_document(parser, padded));
  count(state, json);
}

// The same visit with the inline parsing compiled for AVX2 too (bench/core/ondemand_haswell.cpp).
void ondemand_walk_haswell(benchmark::State& state, const std::string& json) {
  const auto* haswell = simdjson::get_available_implementations()["haswell"];
  if (!haswell || !haswell->supported_by_runtime_system()) {
    state.SkipWithError("this CPU cannot run simdjson's haswell kernel");
    return;
  }
  const simdjson::padded_string padded(json);
  const std::string_view text(padded.data(), padded.size());
  for (auto _ : state) benchmark::DoNotOptimize(visit_all_haswell(text));
  count(state, json);
}

// The quick reader alone (core/json/quick_reader.hpp): the text into a ReportView, no rules. Its
// baseline is simdjson's DOM parse alone (the text into a tape, nothing checked beyond JSON).
void quick_read_only(benchmark::State& state, const std::string& json) {
  std::string buffer = json;
  buffer.reserve(json.size() + kJsonPadding);
  ReportView view;
  if (!quick_read_report(buffer, view)) state.SkipWithError("the quick reader does not take the sample report");
  for (auto _ : state) {
    view.clear();
    benchmark::DoNotOptimize(quick_read_report(buffer, view));
  }
  count(state, json);
}

void nlohmann_only(benchmark::State& state, const std::string& json) {
  for (auto _ : state) {
    auto j = nlohmann::json::parse(json);
    benchmark::DoNotOptimize(j);
  }
  count(state, json);
}

void BM_Small_ValidateJsonStrict(benchmark::State& s) { validate_only(s, small_json(), Profile::strict); }
void BM_Small_ValidateJsonLenient(benchmark::State& s) { validate_only(s, small_json(), Profile::lenient); }
void BM_Small_ValidateJsonStrictInPlace(benchmark::State& s) { validate_in_place(s, small_json(), Profile::strict); }
void BM_Large_ValidateJsonStrict(benchmark::State& s) { validate_only(s, large_json(), Profile::strict); }
void BM_Large_ValidateJsonStrictInPlace(benchmark::State& s) { validate_in_place(s, large_json(), Profile::strict); }
void BM_Small_ParseValidateStrict(benchmark::State& s) { parse_validate(s, small_json(), Profile::strict); }
void BM_Small_ParseValidateLenient(benchmark::State& s) { parse_validate(s, small_json(), Profile::lenient); }
void BM_Small_QuickReadOnly(benchmark::State& s) { quick_read_only(s, small_json()); }
void BM_Large_QuickReadOnly(benchmark::State& s) { quick_read_only(s, large_json()); }
void BM_Small_Baseline_SimdjsonParseOnly(benchmark::State& s) { simdjson_only(s, small_json()); }
void BM_Small_Baseline_SimdjsonOnDemandVisitAll(benchmark::State& s) { ondemand_walk(s, small_json()); }
void BM_Large_Baseline_SimdjsonOnDemandVisitAll(benchmark::State& s) { ondemand_walk(s, large_json()); }
void BM_Small_Baseline_SimdjsonOnDemandHaswellVisitAll(benchmark::State& s) { ondemand_walk_haswell(s, small_json()); }
void BM_Large_Baseline_SimdjsonOnDemandHaswellVisitAll(benchmark::State& s) { ondemand_walk_haswell(s, large_json()); }
void BM_Small_Baseline_NlohmannParseOnly(benchmark::State& s) { nlohmann_only(s, small_json()); }
void BM_Large_ParseValidateStrict(benchmark::State& s) { parse_validate(s, large_json(), Profile::strict); }
void BM_Large_Baseline_SimdjsonParseOnly(benchmark::State& s) { simdjson_only(s, large_json()); }
void BM_Large_Baseline_NlohmannParseOnly(benchmark::State& s) { nlohmann_only(s, large_json()); }

void BM_Small_EmitCompact(benchmark::State& state) {
  Rng rng(1);
  const Report r = small_report(rng);
  for (auto _ : state) {
    auto json = emit_json(r);
    benchmark::DoNotOptimize(json);
  }
  count(state, small_json());
}

BENCHMARK(BM_Small_ValidateJsonStrict);
BENCHMARK(BM_Small_ValidateJsonLenient);
BENCHMARK(BM_Small_ValidateJsonStrictInPlace);
BENCHMARK(BM_Small_ParseValidateStrict);
BENCHMARK(BM_Small_ParseValidateLenient);
BENCHMARK(BM_Small_QuickReadOnly);
BENCHMARK(BM_Small_Baseline_SimdjsonParseOnly);
BENCHMARK(BM_Small_Baseline_SimdjsonOnDemandVisitAll);
BENCHMARK(BM_Small_Baseline_SimdjsonOnDemandHaswellVisitAll);
BENCHMARK(BM_Small_Baseline_NlohmannParseOnly);
BENCHMARK(BM_Small_EmitCompact);
BENCHMARK(BM_Large_ValidateJsonStrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_ValidateJsonStrictInPlace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_ParseValidateStrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_QuickReadOnly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_SimdjsonParseOnly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_SimdjsonOnDemandVisitAll)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_SimdjsonOnDemandHaswellVisitAll)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_NlohmannParseOnly)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tlsrpt::bench
