// parse+validate throughput of the report codec, with baselines from the same run: simdjson's DOM
// parse alone, an On-Demand visit of every value, and nlohmann::json::parse (the convenient one). ValidateJson is parse +
// validate (the findings); InPlace hands it a buffer with kJsonPadding spare bytes, so it reads the
// text where it is instead of copying it; ParseValidate also builds the owning Report model.
// The context lines name the SIMD kernels simdjson picked on this machine.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "bench/core/sample_reports.hpp"
#include "core/json/codec.hpp"

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

// The least an On-Demand validator would do: visit every value once (keys, strings, numbers),
// which validation must, since On-Demand checks only what is read. This floor is why the codec
// walks simdjson's DOM instead (core/json/parse.cpp).
std::size_t visit(simdjson::ondemand::value v) {
  namespace od = simdjson::ondemand;
  std::size_t n = 0;
  switch (v.type().value_unsafe()) {
    case od::json_type::object:
      for (auto field : v.get_object().value_unsafe()) {
        auto f = field.value_unsafe();
        n += f.unescaped_key().value_unsafe().size() + visit(f.value());
      }
      break;
    case od::json_type::array:
      for (auto e : v.get_array().value_unsafe()) n += visit(e.value_unsafe());
      break;
    case od::json_type::number: n += static_cast<std::size_t>(v.get_double().value_unsafe()); break;
    case od::json_type::string: n += v.get_string().value_unsafe().size(); break;
    case od::json_type::boolean: n += v.get_bool().value_unsafe(); break;
    case od::json_type::null: n += v.is_null().value_unsafe(); break;
  }
  return n;
}

void ondemand_walk(benchmark::State& state, const std::string& json) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(json);
  for (auto _ : state) {
    auto doc = parser.iterate(padded).value_unsafe();
    std::size_t n = 0;
    for (auto field : doc.get_object().value_unsafe()) {
      auto f = field.value_unsafe();
      n += f.unescaped_key().value_unsafe().size() + visit(f.value());
    }
    benchmark::DoNotOptimize(n);
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
void BM_Small_Baseline_SimdjsonParseOnly(benchmark::State& s) { simdjson_only(s, small_json()); }
void BM_Small_Baseline_SimdjsonOnDemandVisitAll(benchmark::State& s) { ondemand_walk(s, small_json()); }
void BM_Large_Baseline_SimdjsonOnDemandVisitAll(benchmark::State& s) { ondemand_walk(s, large_json()); }
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
BENCHMARK(BM_Small_Baseline_SimdjsonParseOnly);
BENCHMARK(BM_Small_Baseline_SimdjsonOnDemandVisitAll);
BENCHMARK(BM_Small_Baseline_NlohmannParseOnly);
BENCHMARK(BM_Small_EmitCompact);
BENCHMARK(BM_Large_ValidateJsonStrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_ValidateJsonStrictInPlace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_ParseValidateStrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_SimdjsonParseOnly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_SimdjsonOnDemandVisitAll)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Large_Baseline_NlohmannParseOnly)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tlsrpt::bench
