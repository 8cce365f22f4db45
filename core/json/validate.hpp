// Semantic validation of a Report model (the JSON-level checks live in the parser). Usable on its
// own by anything that builds reports (generators, the simulated MTA) before emitting them.
#pragma once

#include <string>
#include <unordered_set>

#include "core/json/codec.hpp"

namespace tlsrpt {

struct ReportView;

Findings validate_report(const Report& report, Profile profile = Profile::strict);

// As above, appending to `out`. `reported` holds pointers the parser already flagged (a member of
// the wrong type, a malformed container): nothing at or below them is reported again.
void validate_report_into(const Report& report, Profile profile, Findings& out,
                          const std::unordered_set<std::string>* reported = nullptr);

// The same on a view (core/json/report_view.hpp): what the parser uses, allocation-free.
void validate_view_into(const ReportView& report, Profile profile, Findings& out,
                        const std::unordered_set<std::string>* reported = nullptr);

}  // namespace tlsrpt
