// The fast path of report reading: one pass over the JSON text that fills a ReportView for a report
// that keeps to the §4.4 template, with no parse tree in between. It gives up (returns false) on
// anything the full reader (parse.cpp's simdjson DOM walk) would have something to say about at
// the JSON level: a syntax error, invalid UTF-8, an escape sequence, a member the template does not
// have, a repeated name, a value of the wrong type, a missing structural member, a number that is
// not a plain count. The caller then reads the text again the full way, so the findings are the
// same whichever path read the report; what this pass accepts, the full walk accepts with the same
// view and no finding (tests/core_report/quick_reader_test.cpp holds it to that).
#pragma once

#include <string_view>

#include "core/json/report_view.hpp"

namespace tlsrpt {

// `json.data()` must have kJsonPadding (core/json/codec.hpp) readable bytes past json.size(); what
// they hold does not matter. `view` must be empty; on false it holds a partial read.
bool quick_read_report(std::string_view json, ReportView& view);

}  // namespace tlsrpt
