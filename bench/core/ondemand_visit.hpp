// The least an On-Demand validator would do: visit every value once (keys, strings, numbers),
// which validation must, since On-Demand checks only what is read. Included by one translation
// unit compiled with the project's flags (simdjson::ondemand is then the fallback kernel) and by
// ondemand_haswell.cpp (compiled for AVX2, where it is the haswell kernel). Every signature names a
// kernel-specific simdjson type, so the two copies never share a symbol.
#pragma once

#include <simdjson.h>

#include <cstddef>

namespace tlsrpt::bench {

inline std::size_t visit(simdjson::ondemand::value v) {
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

// `json` must have simdjson::SIMDJSON_PADDING readable bytes past its end.
inline std::size_t visit_document(simdjson::ondemand::parser& parser, simdjson::padded_string_view json) {
  auto doc = parser.iterate(json).value_unsafe();
  std::size_t n = 0;
  for (auto field : doc.get_object().value_unsafe()) {
    auto f = field.value_unsafe();
    n += f.unescaped_key().value_unsafe().size() + visit(f.value());
  }
  return n;
}

}  // namespace tlsrpt::bench
