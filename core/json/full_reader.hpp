// The full report reader (simdjson DOM + a walk that makes every JSON-level finding), for any text
// at all; parse.cpp tries the quick reader (quick_reader.hpp) first and falls back to this one.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/json/codec.hpp"
#include "core/json/report_view.hpp"

namespace tlsrpt {

// Texts larger than this are read by a parser that is freed afterwards.
inline constexpr std::size_t kFullReaderReuseLimit = 16u << 20;

// Reads `json` (kJsonPadding readable bytes past its end) into `view` (empty on entry) and appends
// the JSON-level findings, then the validator's; fills `model` if given. False, with a finding that
// says why, when the text is not a JSON object at all. The view points into the parser's strings:
// for texts up to kFullReaderReuseLimit they last until the next call on this thread, for larger
// ones only until this call returns.
bool full_read_report(std::string_view json, Profile profile, Findings& findings, ReportView& view,
                      std::optional<Report>* model = nullptr);

}  // namespace tlsrpt
