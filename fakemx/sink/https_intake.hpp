// RFC 8460 §5.4 HTTPS report submission: POST of application/tlsrpt+gzip or +json (the body is
// sniffed too), stored before the answer. GET /_sink/index lists what arrived (JSON);
// GET /_sink/index?report-id=ID gives one report in the conformance oracle format.
//   201 stored / 200 duplicate or quarantined-invalid / 400 not a report (quarantined)
//   413 inflation beyond the caps (quarantined) / 415 unsupported type / 404 other path / 405
// Lenient also takes application/json, application/gzip and application/tlsrpt (with a warning).
#pragma once

#include <string>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "fakemx/http/message.hpp"
#include "fakemx/sink/store.hpp"

namespace tlsrpt::fakemx::sink {

struct HttpsIntakeConfig {
  std::string path;  // "" accepts POST on any path
  InflateLimits inflate{16u << 20, 1000};
  Profile profile = Profile::strict;
};

http::Response handle_https(const http::Request& request, ReportStore& store, const HttpsIntakeConfig& config);

}  // namespace tlsrpt::fakemx::sink
