// Rendering check results: plain text for people, sorted-key JSON for machines.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "core/check/checker.hpp"

namespace tlsrpt::check {

struct Totals {
  std::size_t valid = 0, invalid = 0, unreadable = 0;
  void add(const CheckResult& r) { (r.unreadable ? unreadable : r.valid() ? valid : invalid)++; }
  std::size_t inputs() const { return valid + invalid + unreadable; }
};

// How many findings of one rule the text output shows before it summarises the rest.
inline constexpr std::size_t kFindingsPerRule = 10;

// quiet: the verdict line only; all: every finding, not kFindingsPerRule per rule.
void print_text(std::ostream& out, const CheckResult& result, Profile profile, bool quiet, bool all = false);
void print_totals_text(std::ostream& out, const Totals& totals);
// One JSON document for the whole run (keys sorted, two-space indent).
void print_json(std::ostream& out, const std::vector<CheckResult>& results, Profile profile);

void print_rules_text(std::ostream& out);
void print_rules_json(std::ostream& out);

}  // namespace tlsrpt::check
