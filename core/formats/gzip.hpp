// gzip (RFC 1952) both ways. Inflation is capped in output size and ratio so a bomb is a finding,
// never gigabytes of memory: output is produced in 64 KiB chunks and stops at the cap.
// Concatenated members are accepted and their contents joined (RFC 1952 §2.2, as gzip(1) does);
// trailing zero padding is tolerated, other trailing bytes are `corrupt`. FNAME, FEXTRA, FCOMMENT
// are skipped and never interpreted (RFC 8460 §6.3), FHCRC is checked, any OS byte is accepted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tlsrpt {

struct InflateLimits {
  std::size_t max_output = 64u << 20;  // bytes
  std::size_t max_ratio = 1000;        // output / input; 0 = no ratio cap
};

enum class InflateStatus { ok, not_gzip, truncated, corrupt, bad_crc, too_large, ratio_exceeded };

struct InflateResult {
  InflateStatus status = InflateStatus::ok;
  std::string data;     // the inflated bytes (partial on error)
  std::string message;  // plain sentence on error
  bool ok() const { return status == InflateStatus::ok; }
};

bool looks_gzipped(std::string_view bytes);  // 1f 8b magic
InflateResult gunzip_capped(std::string_view gz, const InflateLimits& limits = {});

// Compresses one member with a fixed header (FLG 0, MTIME 0, OS 255) so output is byte-identical for
// equal input. libdeflate with one reusable compressor per thread and level; level is clamped to 0..12.
std::string gzip_compress(std::string_view data, int level = 6);

}  // namespace tlsrpt
