// Writes a Report as JSON in a personality's byte-level shape: key order (Postfix puts summary
// before policy and report-id last), compact or pretty, null contact-info, trailing newline.
// core's emit_json writes the RFC template order only; this writer exists for the personalities.
#pragma once

#include <string>

#include "core/report/model.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::gen {

struct JsonShape {
  bool pretty = false;
  bool trailing_newline = false;
  bool null_contact = false;  // write "contact-info": null when the model has none
  TopKeyOrder top_order = TopKeyOrder::report_id_before_policies;
  PolicyKeyOrder policy_order = PolicyKeyOrder::policy_first;
  SummaryKeyOrder summary_order = SummaryKeyOrder::successful_first;
};

JsonShape shape_of(const Personality& p);

// Appends to `out` (callers reuse one buffer across reports).
void write_report_json(const Report& report, const JsonShape& shape, std::string& out);
std::string report_json(const Report& report, const JsonShape& shape);

// A JSON string literal for `text` (quotes included), escaping per RFC 8259 §7.
void append_json_string(std::string& out, std::string_view text);

}  // namespace tlsrpt::gen
