// Compiled with -mavx2 -mbmi -mbmi2 -mpclmul -mlzcnt (bench/core/CMakeLists.txt), so that
// simdjson::ondemand here is the haswell kernel. Only this file's own functions and kernel-specific
// simdjson types are defined here; callers see plain types, and
// check simdjson's runtime detection before calling in (this file's code may use AVX2 anywhere).
#include "bench/core/ondemand_haswell.hpp"

#include "bench/core/ondemand_visit.hpp"

static_assert(std::string_view(SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION)) == "haswell",
              "ondemand_haswell.cpp must be compiled for AVX2");

namespace tlsrpt::bench {

std::size_t visit_all_haswell(std::string_view json) {
  thread_local simdjson::ondemand::parser parser;
  return visit_document(parser, simdjson::padded_string_view(json.data(), json.size(),
                                                             json.size() + simdjson::SIMDJSON_PADDING));
}

}  // namespace tlsrpt::bench
