#include "fuzz/driver/our_verdict.hpp"

#include <nlohmann/json.hpp>

#include "core/check/checker.hpp"

namespace tlsrpt::fuzz {

std::string_view to_string(Expected e) {
  switch (e) {
    case Expected::valid: return "valid";
    case Expected::acceptable: return "acceptable";
    case Expected::invalid: return "invalid";
  }
  return "invalid";
}

OurVerdict our_verdict(std::string_view bytes) {
  OurVerdict v;
  check::CheckOptions options;
  auto strict = check::check_bytes(bytes, "input", options);
  const bool strict_valid = strict.valid();
  v.findings = std::move(strict.findings);
  if (strict.unreadable) v.first_error = "unreadable";
  for (const auto& f : v.findings)
    if (f.severity == Severity::error && v.first_error.empty()) v.first_error = f.rule;
  if (strict_valid) {
    v.expected = Expected::valid;
    return v;
  }
  options.profile = Profile::lenient;
  v.expected = check::check_bytes(bytes, "input", options).valid() ? Expected::acceptable : Expected::invalid;
  if (v.first_error.empty()) v.first_error = "unparsable";
  return v;
}

std::string verdict_json(const OurVerdict& v) {
  nlohmann::ordered_json j;
  j["expected"] = to_string(v.expected);
  auto& list = j["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : v.findings)
    list.push_back({{"message", f.message},
                    {"rule", f.rule},
                    {"severity", f.severity == Severity::error ? "error" : "warning"},
                    {"where", f.where}});
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace tlsrpt::fuzz
