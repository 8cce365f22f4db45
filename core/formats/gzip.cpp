// gzip (RFC 1952): a hand-checked member header, zlib raw inflate streamed in chunks under the
// caps, CRC32/ISIZE trailer checks, any number of members; libdeflate for fast, fixed compression.
#include "core/formats/gzip.hpp"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <variant>

namespace tlsrpt {
namespace {

constexpr unsigned char kId1 = 0x1f, kId2 = 0x8b, kDeflate = 8;
constexpr unsigned kFText = 1, kFHcrc = 2, kFExtra = 4, kFName = 8, kFComment = 16, kFReserved = 0xe0;
constexpr std::size_t kChunk = 64 * 1024;

unsigned byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

std::uint32_t le32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(byte_at(s, at)) | static_cast<std::uint32_t>(byte_at(s, at + 1)) << 8 |
         static_cast<std::uint32_t>(byte_at(s, at + 2)) << 16 | static_cast<std::uint32_t>(byte_at(s, at + 3)) << 24;
}

std::uint32_t crc32_of(std::string_view s, std::uint32_t crc = 0) {
  while (!s.empty()) {
    const auto n = static_cast<uInt>(std::min<std::size_t>(s.size(), UINT_MAX));
    crc = static_cast<std::uint32_t>(::crc32(crc, reinterpret_cast<const Bytef*>(s.data()), n));
    s.remove_prefix(n);
  }
  return crc;
}

struct Failure {
  InflateStatus status;
  std::string message;
};

// Skips one member header starting at `pos`; returns the offset of the deflate data or a failure.
// FNAME/FCOMMENT/FEXTRA are skipped, never interpreted (RFC 8460 §6.3: no paths from the archive).
std::variant<std::size_t, Failure> skip_header(std::string_view gz, std::size_t pos) {
  const auto truncated = Failure{InflateStatus::truncated, "The gzip header is cut short."};
  if (gz.size() - pos < 10) return truncated;
  if (byte_at(gz, pos + 2) != kDeflate)
    return Failure{InflateStatus::corrupt, "The gzip compression method is " + std::to_string(byte_at(gz, pos + 2)) +
                                               ", not 8 (deflate)."};
  const unsigned flags = byte_at(gz, pos + 3);
  if (flags & kFReserved) return Failure{InflateStatus::corrupt, "The gzip header sets reserved flag bits."};
  std::size_t at = pos + 10;
  if (flags & kFExtra) {
    if (gz.size() - at < 2) return truncated;
    const std::size_t xlen = byte_at(gz, at) | byte_at(gz, at + 1) << 8;
    if (gz.size() - at - 2 < xlen) return truncated;
    at += 2 + xlen;
  }
  for (unsigned zero_terminated : {kFName, kFComment}) {
    if (!(flags & zero_terminated)) continue;
    const auto end = gz.find('\0', at);
    if (end == std::string_view::npos) return truncated;
    at = end + 1;
  }
  if (flags & kFHcrc) {
    if (gz.size() - at < 2) return truncated;
    const unsigned stored = byte_at(gz, at) | byte_at(gz, at + 1) << 8;
    if ((crc32_of(gz.substr(pos, at - pos)) & 0xffffu) != stored)
      return Failure{InflateStatus::bad_crc, "The gzip header checksum (FHCRC) does not match the header."};
    at += 2;
  }
  (void)kFText;  // FTEXT is only a hint about the content; nothing to do.
  return at;
}

struct ZStream {
  z_stream s{};
  bool ready = false;
  ZStream() { ready = inflateInit2(&s, -MAX_WBITS) == Z_OK; }
  ~ZStream() {
    if (ready) inflateEnd(&s);
  }
  ZStream(const ZStream&) = delete;
  ZStream& operator=(const ZStream&) = delete;
};

std::size_t ratio_cap(std::size_t input, std::size_t ratio) {
  if (ratio == 0 || input > SIZE_MAX / ratio) return SIZE_MAX;
  return input * ratio;
}

class Inflater {
 public:
  Inflater(std::string_view gz, const InflateLimits& limits, InflateResult& out)
      : gz_(gz), limits_(limits), out_(out), ratio_cap_(ratio_cap(gz.size(), limits.max_ratio)) {}

  // Inflates the member whose deflate data starts at `at`; returns the offset after its trailer.
  std::variant<std::size_t, Failure> member(std::size_t at) {
    ZStream z;
    if (!z.ready) return Failure{InflateStatus::corrupt, "zlib could not start an inflate stream."};
    const std::size_t member_start = out_.data.size();
    std::uint32_t crc = 0;
    std::array<unsigned char, kChunk> buf{};
    for (;;) {
      if (z.s.avail_in == 0 && at < gz_.size()) {
        const auto n = static_cast<uInt>(std::min<std::size_t>(gz_.size() - at, UINT_MAX));
        z.s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz_.data() + at));
        z.s.avail_in = n;
        at += n;
      }
      z.s.next_out = buf.data();
      z.s.avail_out = static_cast<uInt>(buf.size());
      const int rc = inflate(&z.s, Z_NO_FLUSH);
      const std::size_t produced = buf.size() - z.s.avail_out;
      if (auto cap = append(reinterpret_cast<const char*>(buf.data()), produced)) return *cap;
      crc = crc32_of(std::string_view(reinterpret_cast<const char*>(buf.data()), produced), crc);
      if (rc == Z_STREAM_END) break;
      if (rc == Z_BUF_ERROR && z.s.avail_in == 0 && at >= gz_.size())
        return Failure{InflateStatus::truncated, "The gzip data ends in the middle of the compressed stream."};
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        return Failure{InflateStatus::corrupt,
                       std::string("The compressed data is corrupt (") + (z.s.msg ? z.s.msg : "zlib error") + ")."};
    }
    at -= z.s.avail_in;  // give back what the deflate stream did not use
    if (gz_.size() - at < 8) return Failure{InflateStatus::truncated, "The gzip trailer (CRC32 and size) is cut short."};
    if (le32(gz_, at) != crc)
      return Failure{InflateStatus::bad_crc, "The CRC32 in the gzip trailer does not match the inflated data."};
    if (le32(gz_, at + 4) != static_cast<std::uint32_t>(out_.data.size() - member_start))
      return Failure{InflateStatus::corrupt, "The size in the gzip trailer does not match the inflated data."};
    return at + 8;
  }

 private:
  // Keeps output within both caps exactly, so a bomb leaves at most the allowed bytes behind.
  std::optional<Failure> append(const char* p, std::size_t n) {
    const bool ratio_binds = ratio_cap_ < limits_.max_output;
    const std::size_t cap = ratio_binds ? ratio_cap_ : limits_.max_output;
    const std::size_t room = cap - std::min(cap, out_.data.size());
    out_.data.append(p, std::min(n, room));
    if (n <= room) return std::nullopt;
    if (ratio_binds)
      return Failure{InflateStatus::ratio_exceeded, "The gzip data inflates more than " +
                                                        std::to_string(limits_.max_ratio) +
                                                        " times its compressed size, like a decompression bomb."};
    return Failure{InflateStatus::too_large,
                   "The gzip data inflates to more than " + std::to_string(limits_.max_output) + " bytes."};
  }

  std::string_view gz_;
  const InflateLimits& limits_;
  InflateResult& out_;
  std::size_t ratio_cap_;
};

bool all_zero(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '\0'; });
}

}  // namespace

bool looks_gzipped(std::string_view bytes) {
  return bytes.size() >= 2 && byte_at(bytes, 0) == kId1 && byte_at(bytes, 1) == kId2;
}

InflateResult gunzip_capped(std::string_view gz, const InflateLimits& limits) {
  InflateResult result;
  auto fail = [&](Failure f) {
    result.status = f.status;
    result.message = std::move(f.message);
    return result;
  };
  if (!looks_gzipped(gz)) return fail({InflateStatus::not_gzip, "The data does not start with the gzip magic 1f 8b."});
  Inflater inflater(gz, limits, result);
  std::size_t pos = 0;
  // RFC 1952 §2.2: a file is a series of members; their contents are concatenated.
  while (pos < gz.size()) {
    auto header = skip_header(gz, pos);
    if (auto* f = std::get_if<Failure>(&header)) return fail(std::move(*f));
    auto next = inflater.member(std::get<std::size_t>(header));
    if (auto* f = std::get_if<Failure>(&next)) return fail(std::move(*f));
    pos = std::get<std::size_t>(next);
    const auto rest = gz.substr(pos);
    if (rest.empty() || all_zero(rest)) break;  // tape-style zero padding is tolerated, as gzip(1) does
    if (!looks_gzipped(rest))
      return fail({InflateStatus::corrupt, "There are " + std::to_string(rest.size()) +
                                               " bytes of trailing garbage after the gzip data."});
  }
  return result;
}

std::string gzip_compress(std::string_view data, int level) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  // One compressor per level and thread, reused: allocating one costs more than compressing 2 KB.
  thread_local std::array<std::unique_ptr<libdeflate_compressor, Free>, 13> compressors;
  level = std::clamp(level, 0, 12);
  auto& c = compressors[static_cast<std::size_t>(level)];
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  if (!c) throw std::bad_alloc();
  std::string out(libdeflate_gzip_compress_bound(c.get(), data.size()), '\0');
  const std::size_t n = libdeflate_gzip_compress(c.get(), data.data(), data.size(), out.data(), out.size());
  out.resize(n);
  return out;
}

}  // namespace tlsrpt
