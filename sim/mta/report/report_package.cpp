#include "sim/mta/report/report_package.hpp"

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "core/records/report_filename.hpp"

namespace tlsrpt::sim {

PackagedReport package_report(BuiltReport report, const ReporterIdentity& who, const Personality& personality) {
  PackagedReport out;
  out.json = emit_json(report.report);
  out.gzipped = personality.gzip;
  out.payload = out.gzipped ? gzip_compress(out.json) : out.json;
  out.filename = build_report_filename(ReportFilename{
      who.sender_domain, report.policy_domain, report.begin, report.end,
      report.unique_id, out.gzipped});
  out.built = std::move(report);
  return out;
}

}  // namespace tlsrpt::sim
