// Rendering check results: plain text for people, sorted-key JSON for machines.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "core/check/checker.hpp"

namespace tlsrpt::check {

void print_text(std::ostream& out, const CheckResult& result, Profile profile, bool quiet);
void print_totals_text(std::ostream& out, const std::vector<CheckResult>& results);
// One JSON document for the whole run (keys sorted, two-space indent).
void print_json(std::ostream& out, const std::vector<CheckResult>& results, Profile profile);

void print_rules_text(std::ostream& out);
void print_rules_json(std::ostream& out);

}  // namespace tlsrpt::check
