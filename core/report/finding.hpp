// A validator or parser finding: what is wrong, where, under which rule, in one plain sentence.
#pragma once

#include <string>
#include <vector>

namespace tlsrpt {

enum class Severity { error, warning };

struct Finding {
  Severity severity = Severity::error;
  // Where: a JSON pointer into the report ("/policies/0/failure-details/2/receiving-ip"), or, for
  // the containers around it, a prefixed location ("gzip:", "email:header/Subject", "email:part/2").
  std::string where;
  // Stable rule id carrying the RFC section: "8460-4.4-receiving-ip", "7493-2.3-duplicate-member".
  std::string rule;
  std::string message;  // one plain sentence
};

using Findings = std::vector<Finding>;

inline bool has_errors(const Findings& findings) {
  for (const auto& f : findings)
    if (f.severity == Severity::error) return true;
  return false;
}

}  // namespace tlsrpt
