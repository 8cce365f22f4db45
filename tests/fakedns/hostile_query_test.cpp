// Hostile input straight into the query handler: random bytes, truncated headers, compression loops,
// long labels and names, lying counts. FORMERR or silence, never a crash or an out-of-bounds read
// (run under the sanitizers).
#include <gtest/gtest.h>

#include <random>

#include "fakedns/answers/responder.hpp"
#include "fakedns/dnssec/signer.hpp"
#include "tests/fakedns/dns_fixture.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

class HostileQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DnssecOptions dnssec;
    dnssec.sign = true;
    const Zone zone = test::example_zone();
    keys_ = std::make_unique<ZoneKeys>(zone.origin());
    BuiltZone built = build_zone(zone, dnssec, *keys_);
    snapshot_ = make_snapshot({precompute(std::move(built.data), built.anchor)});
  }
  ResponseInfo ask(const std::vector<std::uint8_t>& msg, Transport t = Transport::udp) {
    return respond(*snapshot_, &faults_, msg, t, out_);
  }
  unsigned rcode() const { return out_.size() >= 4 ? (out_[3] & 0xF) : 99u; }

  std::unique_ptr<ZoneKeys> keys_;
  std::shared_ptr<const Snapshot> snapshot_;
  FaultTable faults_{1};
  std::vector<std::uint8_t> out_;
};

std::vector<std::uint8_t> header(std::uint16_t qd, std::uint16_t an = 0, std::uint16_t ns = 0, std::uint16_t ar = 0) {
  return {0x12, 0x34, 0x01, 0x00, 0, static_cast<std::uint8_t>(qd), 0, static_cast<std::uint8_t>(an),
          0, static_cast<std::uint8_t>(ns), 0, static_cast<std::uint8_t>(ar)};
}

void append_name(std::vector<std::uint8_t>& m, const std::vector<std::string>& labels) {
  for (const auto& l : labels) {
    m.push_back(static_cast<std::uint8_t>(l.size()));
    m.insert(m.end(), l.begin(), l.end());
  }
  m.push_back(0);
}

std::vector<std::uint8_t> query(const std::vector<std::string>& labels, std::uint16_t type = 1) {
  auto m = header(1);
  append_name(m, labels);
  m.insert(m.end(), {static_cast<std::uint8_t>(type >> 8), static_cast<std::uint8_t>(type), 0, 1});
  return m;
}

TEST_F(HostileQueryTest, AValidQueryIsAnswered) {
  const auto info = ask(query({"mx1", "example", "test"}));
  ASSERT_TRUE(info.send);
  EXPECT_EQ(rcode(), 0u);
  EXPECT_EQ(out_[0], 0x12);
  EXPECT_EQ(out_[1], 0x34);
  EXPECT_EQ(out_[7], 1);  // one answer
}

TEST_F(HostileQueryTest, ShortOrResponsePacketsAreIgnored) {
  for (std::size_t n = 0; n < 12; ++n) EXPECT_FALSE(ask(std::vector<std::uint8_t>(n, 0)).send) << n;
  auto response = query({"mx1", "example", "test"});
  response[2] |= 0x80;
  EXPECT_FALSE(ask(response).send);
}

TEST_F(HostileQueryTest, MalformedQuestionsGetFormerr) {
  auto truncated = query({"mx1", "example", "test"});
  for (std::size_t cut = 13; cut < truncated.size(); ++cut) {
    ASSERT_TRUE(ask({truncated.begin(), truncated.begin() + static_cast<long>(cut)}).send);
    EXPECT_EQ(rcode(), 1u) << cut;
  }
  ask(query({std::string(64, 'a'), "example", "test"}));  // label over 63
  EXPECT_EQ(rcode(), 1u);
  std::vector<std::string> long_name(5, std::string(60, 'b'));  // over 255 octets
  ask(query(long_name));
  EXPECT_EQ(rcode(), 1u);
  auto loop = header(1);
  loop.insert(loop.end(), {0xC0, 12, 0, 1, 0, 1});  // a pointer to itself
  ask(loop);
  EXPECT_EQ(rcode(), 1u);
  auto two = query({"mx1", "example", "test"});
  two[5] = 2;  // says two questions, has one
  ask(two);
  EXPECT_EQ(rcode(), 1u);
  auto none = header(0);
  ask(none);
  EXPECT_EQ(rcode(), 1u);
}

TEST_F(HostileQueryTest, LyingCountsAndLoopsInOtherSectionsGetFormerr) {
  auto m = query({"mx1", "example", "test"});
  m[11] = 200;  // 200 additional records, none present
  ask(m);
  EXPECT_EQ(rcode(), 1u);
  auto loop = query({"mx1", "example", "test"});
  loop[11] = 1;
  loop.insert(loop.end(), {0xC0, static_cast<std::uint8_t>(loop.size()), 0, 1, 0, 1, 0, 0, 0, 0, 0xFF, 0xFF});
  ask(loop);
  EXPECT_EQ(rcode(), 1u);
  auto two_opts = query({"mx1", "example", "test"});
  two_opts[11] = 2;
  for (int i = 0; i < 2; ++i) two_opts.insert(two_opts.end(), {0, 0, 41, 4, 0xD0, 0, 0, 0, 0, 0, 0});
  ask(two_opts);
  EXPECT_EQ(rcode(), 1u);
}

TEST_F(HostileQueryTest, OtherOpcodesAreNotImplemented) {
  auto m = query({"mx1", "example", "test"});
  m[2] = 0x28;  // opcode UPDATE
  ask(m);
  EXPECT_EQ(rcode(), 4u);
}

TEST_F(HostileQueryTest, RandomBytesNeverCrash) {
  std::mt19937 rng(20260301);
  std::uniform_int_distribution<int> byte(0, 255), len(0, 600);
  const auto valid = query({"_25", "_tcp", "mx1", "example", "test"}, 52);
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::uint8_t> m;
    if (i % 2) {
      m.resize(static_cast<std::size_t>(len(rng)));
      for (auto& b : m) b = static_cast<std::uint8_t>(byte(rng));
    } else {  // a valid query with a few bytes flipped
      m = valid;
      for (int k = 0; k < 3; ++k) m[static_cast<std::size_t>(rng() % m.size())] = static_cast<std::uint8_t>(byte(rng));
    }
    const auto info = ask(m, i % 3 ? Transport::udp : Transport::tcp);
    if (!info.send) continue;
    ASSERT_GE(out_.size(), 12u);
    if (i % 3) {
      ASSERT_LE(out_.size(), 1232u);
    }
  }
}

}  // namespace
}  // namespace tlsrpt::fakedns::detail
