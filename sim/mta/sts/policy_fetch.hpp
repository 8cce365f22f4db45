// RFC 8461 §3.3 policy fetch: GET https://mta-sts.<domain>/.well-known/mta-sts.txt with SNI
// mta-sts.<domain>, WebPKI checks at the virtual time, no redirects, 200 only, text/plain, a size
// cap and a deadline; the body parsed by core's policy parser. Failures are classified as
// RFC 8460 §4.3.2.2 says: sts-policy-fetch-error, sts-webpki-invalid, sts-policy-invalid.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/records/sts_policy.hpp"
#include "core/report/result_types.hpp"
#include "core/util/virtual_clock.hpp"

namespace tlsrpt::sim {

struct PolicyFetchOptions {
  std::string domain;                   // the Policy Domain
  std::string address;                  // resolved address of mta-sts.<domain>
  std::uint16_t port = 443;
  std::string source_address;
  std::string ca_file;                  // WebPKI roots
  UnixSeconds verify_time = 0;
  std::chrono::milliseconds timeout{15000};  // per step (RFC 8461 suggests a minute overall)
  std::size_t max_body = 64 * 1024;          // RFC 8461 §3.3 suggestion
  bool require_text_plain = true;            // "SHOULD validate that the media type is text/plain"
};

struct PolicyFetchResult {
  std::optional<StsPolicy> policy;       // set on success
  std::optional<ResultType> failure;     // set otherwise
  std::string reason;                    // failure-reason-code text
  int status = 0;                        // HTTP status, 0 when none arrived
  std::vector<std::string> lines;        // body lines even when invalid (the report echoes them)
};

PolicyFetchResult fetch_sts_policy(const PolicyFetchOptions& options);

}  // namespace tlsrpt::sim
