// gzip (RFC 1952) both ways. Inflation is capped in output size and ratio so a bomb is a finding,
// never gigabytes of memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tlsrpt {

struct InflateLimits {
  std::size_t max_output = 64u << 20;  // bytes
  std::size_t max_ratio = 1000;        // output / input
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

// Compresses one member with a fixed header (MTIME 0) so output is byte-identical for equal input.
std::string gzip_compress(std::string_view data, int level = 6);

}  // namespace tlsrpt
