// Same (profile, seed, index) => same bytes; shards partition the run exactly.
#include <gtest/gtest.h>

#include <map>

#include "core/formats/gzip.hpp"
#include "generators/output/containers.hpp"
#include "generators/output/dkim.hpp"
#include "generators/output/report_json.hpp"
#include "generators/personality/personality.hpp"
#include "tests/generators/helpers.hpp"

namespace tlsrpt::gen {
namespace {

TEST(Determinism, SameSeedSameBytesInEveryFormat) {
  for (auto format : {Format::json, Format::json_gz, Format::eml}) {
    auto key = generate_dkim_key();
    PersonalitySigner signer_a(key), signer_b(key);
    GenerationProfile p = test::profile_for("google");
    p.reporters = {{"google"}, {"microsoft"}, {"mailru"}, {"stalwart"}, {"postfix"}, {"strict-rfc"}};
    FactoryOptions oa{format, {}, 6, {}, format == Format::eml ? &signer_a : nullptr};
    FactoryOptions ob{format, {}, 6, {}, format == Format::eml ? &signer_b : nullptr};
    ReportFactory a(p, oa), b(p, ob);
    for (std::uint64_t k = 0; k < 30; ++k) {
      const auto x = a.make(k);
      const auto y = b.make(29 - k);  // order of asking does not matter
      const auto y2 = b.make(k);
      EXPECT_EQ(x.bytes, y2.bytes) << k;
      EXPECT_EQ(x.path, y2.path);
      (void)y;
    }
  }
}

// --gzip-level auto: libdeflate level 1 below 16 KiB of JSON, level 6 from there on; either way the
// member inflates to the JSON and the personality's header bytes are kept.
TEST(GzipLevel, AutoIsLevelOneForSmallAndSixForLargeReports) {
  const auto& persona = *find_personality("microsoft");
  const std::string small(2000, 'a'), large(kGzipAutoThreshold, 'b');
  EXPECT_EQ(personality_gzip(persona, small, kGzipLevelAuto), personality_gzip(persona, small, 1));
  EXPECT_EQ(personality_gzip(persona, large, kGzipLevelAuto), personality_gzip(persona, large, 6));
  EXPECT_EQ(ReportFactory(test::profile_for("strict-rfc"), {}).options().gzip_level, kGzipLevelAuto);
  auto f = test::factory_for("microsoft", Format::json_gz);
  auto j = test::factory_for("microsoft", Format::json);
  for (std::uint64_t k = 0; k < 5; ++k) {
    const auto gz = f.make(k).bytes;
    const auto inflated = gunzip_capped(gz);
    ASSERT_TRUE(inflated.ok()) << inflated.message;
    EXPECT_EQ(inflated.data, j.make(k).bytes);
    EXPECT_EQ(static_cast<unsigned char>(gz[9]), persona.gzip_os);
  }
}

TEST(Determinism, AnotherSeedGivesOtherReports) {
  auto p = test::profile_for("strict-rfc");
  ReportFactory a(p, {});
  p.seed = 8;
  ReportFactory b(p, {});
  int differing = 0;
  for (std::uint64_t k = 0; k < 10; ++k) differing += a.make(k).bytes != b.make(k).bytes;
  EXPECT_EQ(differing, 10);
}

TEST(Determinism, MutationsAreSeededToo) {
  auto a = test::factory_for("strict-rfc", Format::json_gz, {"bad-ip", "duplicate-key", "gzip-truncated"});
  auto b = test::factory_for("strict-rfc", Format::json_gz, {"bad-ip", "duplicate-key", "gzip-truncated"});
  for (std::uint64_t k = 0; k < 10; ++k) {
    const auto x = a.make(k), y = b.make(k);
    EXPECT_EQ(x.bytes, y.bytes);
    ASSERT_EQ(x.steps.size(), 3u);
    EXPECT_EQ(x.steps[0].description, y.steps[0].description);
  }
}

// Synthesizer::make refills one report in place: whatever the previous report left in it (more
// details, a second policy, engaged optional fields), the JSON is that of a fresh synthesize().
TEST(Determinism, ARefilledReportEqualsAFreshOne) {
  auto p = test::profile_for("google", 300);
  p.reporters.clear();
  for (const auto& persona : personalities()) p.reporters.push_back({std::string(persona.name)});
  p.failure_details = {0, 12};
  p.failing_policy_share = 0.6;
  finalize(p);
  Synthesizer synth(p);
  GeneratedReport reused;
  for (std::uint64_t k : {5u, 0u, 17u, 3u, 250u, 9u}) synth.make(k, reused);  // dirty it first
  for (std::uint64_t k = 0; k < p.count; ++k) {
    const auto index = (k * 7919) % p.count;  // an order unlike the natural one
    synth.make(index, reused);
    const auto fresh = synthesize(p, index);
    ASSERT_EQ(reused.report, fresh.report) << index;
    EXPECT_EQ(report_json(reused.report, shape_of(*reused.personality)),
              report_json(fresh.report, shape_of(*fresh.personality)));
    EXPECT_EQ(reused.unique_id, fresh.unique_id);
    EXPECT_EQ(reused.sent_at, fresh.sent_at);
    EXPECT_EQ(reused.submitter, fresh.submitter);
  }
}

TEST(Sharding, ShardsPartitionTheRun) {
  auto p = test::profile_for("google", 100);
  p.reporters = {{"google"}, {"postfix"}, {"stalwart"}};
  p.domain_count = 7;  // 7 domains x 3 days = 21 per round: several rounds
  FactoryOptions options;
  options.format = Format::json_gz;
  ReportFactory whole(p, options);
  std::map<std::string, std::string> expected;
  for (std::uint64_t k = 0; k < p.count; ++k) {
    auto a = whole.make(k);
    ASSERT_TRUE(expected.emplace(a.path, a.bytes).second) << "paths are unique: " << a.path;
  }
  for (std::uint64_t shards : {1u, 3u, 7u, 64u, 200u}) {
    std::map<std::string, std::string> got;
    for (std::uint64_t i = 0; i < shards; ++i) {
      ReportFactory f(p, options);
      for (std::uint64_t k = i; k < p.count; k += shards) {
        auto a = f.make(k);
        ASSERT_TRUE(got.emplace(a.path, a.bytes).second) << "no report in two shards";
      }
    }
    EXPECT_EQ(got, expected) << shards << " shards";
  }
}

}  // namespace
}  // namespace tlsrpt::gen
