// The On-Demand visit of bench/core/ondemand_visit.hpp compiled for AVX2 (simdjson's haswell
// kernel), to measure what compiling On-Demand for the machine buys over the fallback kernel.
#pragma once

#include <cstddef>
#include <string_view>

namespace tlsrpt::bench {

// Visits every value of `json`, which must have kJsonPadding readable bytes past its end. Call only where simdjson's haswell kernel runs.
std::size_t visit_all_haswell(std::string_view json);

}  // namespace tlsrpt::bench
