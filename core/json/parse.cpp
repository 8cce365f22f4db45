// parse_report and validate_json: the quick reader (quick_reader.hpp) for reports that keep to the
// template, the full one (full_reader.hpp) for everything else, each filling a per-thread
// ReportView that validate.cpp then checks. Nothing is allocated for findings unless something is
// wrong, and the owning Report is built only for parse_report.
#include <string>

#include "core/json/codec.hpp"
#include "core/json/full_reader.hpp"
#include "core/json/quick_reader.hpp"
#include "core/json/report_view.hpp"
#include "core/json/validate.hpp"

namespace tlsrpt {
namespace {

// The text copied into `buffer` with kJsonPadding bytes to spare, so both readers read it in place.
std::string_view padded_copy(std::string_view json, std::string& buffer) {
  buffer.reserve(json.size() + kJsonPadding);
  buffer.assign(json);
  return buffer;
}

// Reads and validates into `findings`, and fills `model` if given: the quick reader first, the full
// one when it gives up. `capacity` bytes are readable at json.data(): with kJsonPadding to spare
// both read the text in place, else from one padded copy.
void read_report(std::string_view json, std::size_t capacity, Profile profile, Findings& findings,
                 std::optional<Report>* model) {
  thread_local ReportView scratch;  // both readers fill it
  thread_local std::string padded;  // keeps its memory for ordinary reports, as the parser does
  std::string huge_padded;
  if (json.empty()) json = std::string_view("", 0);  // never hand on a null pointer
  if (capacity < json.size() + kJsonPadding)
    json = padded_copy(json, json.size() > kFullReaderReuseLimit ? huge_padded : padded);
  scratch.clear();
  if (quick_read_report(json, scratch)) {
    validate_view_into(scratch, profile, findings);
    if (model) *model = scratch.to_report();
  } else {
    scratch.clear();
    full_read_report(json, profile, findings, scratch, model);
  }
  scratch.clear();  // gives a huge report's memory back at once
}

}  // namespace

ParseResult parse_report(std::string_view json, std::size_t capacity, Profile profile) {
  ParseResult result;
  read_report(json, capacity, profile, result.findings, &result.report);
  return result;
}

ParseResult parse_report(std::string_view json, Profile profile) { return parse_report(json, json.size(), profile); }

Findings validate_json(std::string_view json, std::size_t capacity, Profile profile) {
  Findings findings;
  read_report(json, capacity, profile, findings, nullptr);
  return findings;
}

Findings validate_json(std::string_view json, Profile profile) { return validate_json(json, json.size(), profile); }

}  // namespace tlsrpt
