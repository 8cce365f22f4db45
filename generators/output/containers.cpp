#include "generators/output/containers.hpp"

#include <cstdio>

#include "core/formats/gzip.hpp"
#include "core/formats/rfc5322_date.hpp"
#include "core/records/report_filename.hpp"

namespace tlsrpt::gen {

std::string report_filename(const GeneratedReport& g, bool gzipped) {
  return build_report_filename(ReportFilename{g.submitter, g.policy_domain, g.begin, g.end, g.unique_id, gzipped});
}

std::string personality_gzip(const Personality& p, std::string_view json, int level) {
  if (level == kGzipLevelAuto) level = json.size() < kGzipAutoThreshold ? 1 : 6;
  auto gz = gzip_compress(json, level);
  if (gz.size() >= 10) {
    gz[8] = static_cast<char>(p.gzip_xfl);
    gz[9] = static_cast<char>(p.gzip_os);
  }
  return gz;
}

std::string rfc5322_date(std::int64_t unix_seconds, int offset_minutes) {
  auto text = format_rfc5322_date(unix_seconds + offset_minutes * 60);  // ends in "+0000"
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char zone[16];
  std::snprintf(zone, sizeof zone, "%c%02d%02d", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  text.replace(text.size() - 5, 5, zone);
  return text;
}

}  // namespace tlsrpt::gen
