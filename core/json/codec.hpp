// RFC 8460 report JSON: deterministic emitting (the §4.4 template's key order) and fast parsing
// (simdjson) with validation. parse_report(emit_json(r)).report == r for every Report r.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/report/finding.hpp"
#include "core/report/model.hpp"

namespace tlsrpt {

enum class Profile { strict, lenient };  // strict = RFC 8460 as written; lenient = what receivers must tolerate

enum class JsonStyle { compact, pretty };

// Emits the report in the RFC template's key order; absent optionals are left out.
std::string emit_json(const Report& report, JsonStyle style = JsonStyle::compact);

struct ParseResult {
  std::optional<Report> report;  // nullopt when the input is not JSON / not an object
  Findings findings;             // validation findings for the chosen profile
  bool valid() const { return report.has_value() && !has_errors(findings); }
};

// Parses and validates in one pass. Never throws on bad input; bounded in memory and depth.
ParseResult parse_report(std::string_view json, Profile profile = Profile::strict);

// The same findings as parse_report, without building the Report: for callers that want only the
// verdict. The input is valid exactly when no finding is an error (input that is not a JSON object
// always yields an error).
Findings validate_json(std::string_view json, Profile profile = Profile::strict);

// Bytes past the end of the input that let the parser read it in place instead of copying it.
inline constexpr std::size_t kJsonPadding = 64;

// As above, when `capacity` bytes may be read from json.data() (a buffer allocated larger than the
// text, e.g. a std::string's capacity()): with json.size() + kJsonPadding or more, nothing is copied.
ParseResult parse_report(std::string_view json, std::size_t capacity, Profile profile);
Findings validate_json(std::string_view json, std::size_t capacity, Profile profile);

}  // namespace tlsrpt
