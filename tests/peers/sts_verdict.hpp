// What an MTA-STS resolver decided for one Policy Domain, in the terms RFC 8461 leaves a sender
// with: a policy to apply (mode, mx patterns, max_age), no policy at all (no usable _mta-sts
// record), or a failed fetch (no usable policy, and a sts-* result type when the sim says it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {

enum class StsOutcome { policy, no_policy, fetch_failed, unclassified };
std::string to_string(StsOutcome outcome);

struct StsVerdict {
  StsOutcome outcome = StsOutcome::unclassified;
  std::string mode;              // with a policy: enforce / testing / none
  std::vector<std::string> mx;   // with a policy: the mx patterns in file order
  std::int64_t max_age = -1;     // with a policy
  std::string raw;               // the resolver's own words

  // "policy enforce max_age=86400 mx=[a, b]", "no-policy", "fetch-failed": what the tests compare.
  std::string summary() const;
};

// `mta-sts-query DOMAIN` (postfix-mta-sts-resolver) prints Python's repr of its result:
//   (<STSFetchResult.VALID: 1>, ('id', {'mx': ['a'], 'version': 'STSv1', 'mode': 'enforce', 'max_age': 86400}))
//   (<STSFetchResult.NONE: 0>, None)      (<STSFetchResult.FETCH_ERROR: 2>, None)
StsVerdict mta_sts_query_verdict(const ProcessResult& run);

}  // namespace tlsrpt::test::peers
