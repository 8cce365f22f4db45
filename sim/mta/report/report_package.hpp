// A built report as it travels: the RFC 8460 JSON (core emit_json), gzipped (§5.2) or not, and
// the §5.1 filename "sender!policy-domain!begin!end[!unique-id].json[.gz]".
#pragma once

#include <string>

#include "sim/mta/report/report_builder.hpp"

namespace tlsrpt::sim {

struct PackagedReport {
  BuiltReport built;
  std::string json;      // compact, the RFC template's key order
  std::string payload;   // gzip of json, or json itself when !gzipped
  bool gzipped = true;
  std::string filename;
  std::string media_type() const { return gzipped ? "application/tlsrpt+gzip" : "application/tlsrpt+json"; }
};

PackagedReport package_report(BuiltReport report, const ReporterIdentity& who, const Personality& personality);

}  // namespace tlsrpt::sim
