// The containers around a generated report, shaped by its personality: the §5.1 filename, the
// gzip member (header bytes as the real reporter writes them) and the RFC 5322 date.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "generators/synth/synthesize.hpp"

namespace tlsrpt::gen {

// sender "!" policy-domain "!" begin "!" end [ "!" unique-id ] "." extension (RFC 8460 §5.1).
std::string report_filename(const GeneratedReport& g, bool gzipped);

// --gzip-level auto: level 1 below kGzipAutoThreshold of JSON, level 6 from there on. For a 2 KB
// report level 6 saves ~4 % of ~600 bytes at ~1.5 times the time (each libdeflate call has a fixed
// cost of several µs, clearing its match tables), for a large one it saves more.
inline constexpr int kGzipLevelAuto = -1;
inline constexpr std::size_t kGzipAutoThreshold = 16u << 10;

// A gzip member with the personality's XFL and OS header bytes (not covered by the CRC): 0..12 is
// gzip_compress at that level, kGzipLevelAuto as above.
std::string personality_gzip(const Personality& p, std::string_view json, int level = 6);

// "Sun, 01 Mar 2026 02:00:00 +0000" for a Unix time shown at a fixed offset from UTC.
std::string rfc5322_date(std::int64_t unix_seconds, int offset_minutes = 0);

}  // namespace tlsrpt::gen
