// gzip: round trips, every failure status, header flags, multi-member, bombs stay capped, and the
// real gzip(1) as a peer in both directions.
#include "core/formats/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>

#include "tests/support/run_process.hpp"

namespace tlsrpt {
namespace {

const std::string kReport = R"({"organization-name":"Company-X","date-range":{"start-datetime":"2016-04-01T00:00:00Z"}})";

// Raw deflate (no header) of `data`, streamed so large inputs need no large buffers.
std::string raw_deflate(const std::string& data, int level = 6) {
  z_stream s{};
  EXPECT_EQ(deflateInit2(&s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&s, static_cast<uLong>(data.size())), '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

void put_le32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t crc_of(const std::string& s) {
  return static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

// A member with the given flags and optional header fields, built by hand.
std::string member(const std::string& data, unsigned flags, unsigned char os = 3) {
  std::string h = {'\x1f', '\x8b', '\x08', static_cast<char>(flags), '\x01', '\x02', '\x03', '\x04', '\x00',
                   static_cast<char>(os)};
  if (flags & 4) h += std::string("\x06\x00" "ab\x02\x00xy", 8);  // FEXTRA: one 6-byte subfield
  if (flags & 8) h += std::string("../../etc/passwd") + '\0';           // FNAME must never be a path
  if (flags & 16) h += std::string("a comment") + '\0';
  if (flags & 2) {
    const auto crc = crc_of(h);
    h.push_back(static_cast<char>(crc & 0xff));
    h.push_back(static_cast<char>((crc >> 8) & 0xff));
  }
  h += raw_deflate(data);
  put_le32(h, crc_of(data));
  put_le32(h, static_cast<std::uint32_t>(data.size()));
  return h;
}

TEST(Gzip, RoundTripsAndIsDeterministic) {
  const auto gz = gzip_compress(kReport);
  EXPECT_TRUE(looks_gzipped(gz));
  EXPECT_EQ(gz, gzip_compress(kReport));
  EXPECT_EQ(gz.substr(3, 6), std::string(6, '\0')) << "FLG and MTIME are zero";
  const auto r = gunzip_capped(gz);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.data, kReport);
}

TEST(Gzip, RoundTripsEmptyAndEveryLevel) {
  EXPECT_EQ(gunzip_capped(gzip_compress("")).data, "");
  for (int level = -3; level <= 14; ++level) {
    const auto r = gunzip_capped(gzip_compress(kReport, level));
    ASSERT_TRUE(r.ok()) << level << ": " << r.message;
    EXPECT_EQ(r.data, kReport);
  }
}

TEST(Gzip, AcceptsEveryHeaderFlagAndOsByte) {
  for (unsigned flags : {0u, 1u, 2u, 4u, 8u, 16u, 31u}) {
    for (unsigned char os : {0, 3, 11, 255}) {
      const auto r = gunzip_capped(member(kReport, flags, os));
      ASSERT_TRUE(r.ok()) << "flags " << flags << ": " << r.message;
      EXPECT_EQ(r.data, kReport);
    }
  }
}

TEST(Gzip, JoinsConcatenatedMembersAndToleratesZeroPadding) {
  const auto r = gunzip_capped(member("abc", 8) + gzip_compress("def") + std::string(512, '\0'));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.data, "abcdef");
}

TEST(Gzip, ReportsEveryFailure) {
  const auto good = member(kReport, 8);
  EXPECT_EQ(gunzip_capped("").status, InflateStatus::not_gzip);
  EXPECT_EQ(gunzip_capped(kReport).status, InflateStatus::not_gzip);
  EXPECT_EQ(gunzip_capped("\x1f\x8b\x08").status, InflateStatus::truncated);
  EXPECT_EQ(gunzip_capped(good.substr(0, 14)).status, InflateStatus::truncated) << "inside FNAME";
  EXPECT_EQ(gunzip_capped(good.substr(0, good.size() - 20)).status, InflateStatus::truncated);
  EXPECT_EQ(gunzip_capped(good.substr(0, good.size() - 3)).status, InflateStatus::truncated) << "in the trailer";

  auto method = good;
  method[2] = 7;
  EXPECT_EQ(gunzip_capped(method).status, InflateStatus::corrupt);
  auto reserved = good;
  reserved[3] = static_cast<char>(0x28);
  EXPECT_EQ(gunzip_capped(reserved).status, InflateStatus::corrupt);

  auto crc = good;
  crc[crc.size() - 8] = static_cast<char>(crc[crc.size() - 8] ^ 1);
  const auto bad_crc = gunzip_capped(crc);
  EXPECT_EQ(bad_crc.status, InflateStatus::bad_crc);
  EXPECT_FALSE(bad_crc.message.empty());
  EXPECT_EQ(bad_crc.data, kReport) << "the inflated bytes are kept on error";

  auto size = good;
  size[size.size() - 1] = 9;
  EXPECT_EQ(gunzip_capped(size).status, InflateStatus::corrupt);

  auto hcrc = member(kReport, 2 | 8);
  hcrc[20] = 'X';  // inside FNAME, covered by FHCRC
  EXPECT_EQ(gunzip_capped(hcrc).status, InflateStatus::bad_crc);

  auto body = good;
  body[30] = static_cast<char>(0xff);
  body[31] = static_cast<char>(0xff);
  body[32] = static_cast<char>(0xff);
  const auto st = gunzip_capped(body).status;
  EXPECT_TRUE(st == InflateStatus::corrupt || st == InflateStatus::bad_crc) << static_cast<int>(st);

  EXPECT_EQ(gunzip_capped(good + "garbage").status, InflateStatus::corrupt);
}

// 1 MiB of zeros compresses to about 1 KiB; 1024 concatenated copies promise 1 GiB.
std::string gigabyte_bomb() {
  const auto one = member(std::string(1 << 20, '\0'), 0);
  std::string bomb;
  bomb.reserve(one.size() * 1024);
  for (int i = 0; i < 1024; ++i) bomb += one;
  return bomb;
}

TEST(Gzip, GigabyteBombStopsAtTheOutputCap) {
  const auto bomb = gigabyte_bomb();
  InflateLimits limits;
  limits.max_ratio = 0;
  limits.max_output = 8u << 20;
  const auto r = gunzip_capped(bomb, limits);
  EXPECT_EQ(r.status, InflateStatus::too_large);
  EXPECT_EQ(r.data.size(), limits.max_output);
}

TEST(Gzip, GigabyteBombStopsAtTheRatioCap) {
  const auto bomb = gigabyte_bomb();
  InflateLimits limits;
  limits.max_output = std::size_t{2} << 30;
  limits.max_ratio = 100;
  const auto r = gunzip_capped(bomb, limits);
  EXPECT_EQ(r.status, InflateStatus::ratio_exceeded);
  EXPECT_EQ(r.data.size(), bomb.size() * 100);
}

TEST(Gzip, SingleMemberBombStaysCappedWithDefaults) {
  const auto bomb = member(std::string(32u << 20, 'a'), 0);
  const auto r = gunzip_capped(bomb);
  EXPECT_EQ(r.status, InflateStatus::ratio_exceeded);
  EXPECT_EQ(r.data.size(), bomb.size() * 1000);
}

TEST(Gzip, RealGzipReadsOursAndWeReadTheirs) {
  if (!test::have_program("gzip")) GTEST_SKIP() << "gzip(1) is not installed";
  const auto theirs = test::run_process({"gzip", "-dc"}, gzip_compress(kReport));
  ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
  EXPECT_EQ(theirs.out, kReport);
  const auto ours = test::run_process({"gzip", "-9c"}, kReport);
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  const auto r = gunzip_capped(ours.out);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.data, kReport);
}

}  // namespace
}  // namespace tlsrpt
