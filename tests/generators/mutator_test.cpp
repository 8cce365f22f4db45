// Every mutator changes the verdict the way its catalogue entry says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/check/checker.hpp"
#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "generators/mutators/mutator.hpp"
#include "core/formats/dkim.hpp"
#include "generators/output/dkim.hpp"
#include "generators/personality/personality.hpp"
#include "tests/generators/helpers.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::gen {
namespace {

std::vector<std::string> alternatives(std::string_view expect) {
  std::vector<std::string> out;
  while (!expect.empty()) {
    const auto bar = expect.find('|');
    out.emplace_back(expect.substr(0, bar));
    if (bar == std::string_view::npos) break;
    expect.remove_prefix(bar + 1);
  }
  return out;
}

bool has_rule(const Findings& findings, const std::vector<std::string>& rules) {
  for (const auto& f : findings)
    for (const auto& r : rules)
      if (f.rule == r) return true;
  return false;
}

std::string rules_of(const Findings& findings) {
  std::string out;
  for (const auto& f : findings) out += f.rule + " (" + f.message + ") ";
  return out;
}

std::string status_name(InflateStatus s) {
  switch (s) {
    case InflateStatus::ok: return "ok";
    case InflateStatus::not_gzip: return "not_gzip";
    case InflateStatus::truncated: return "truncated";
    case InflateStatus::corrupt: return "corrupt";
    case InflateStatus::bad_crc: return "bad_crc";
    case InflateStatus::too_large: return "too_large";
    case InflateStatus::ratio_exceeded: return "ratio_exceeded";
  }
  return "?";
}

TEST(Mutators, CatalogueIsWellFormed) {
  std::set<std::string_view> names;
  for (const auto& m : mut::mutators()) {
    EXPECT_TRUE(names.insert(m.name).second) << m.name;
    EXPECT_FALSE(m.summary.empty());
    EXPECT_FALSE(m.expect.empty());
    EXPECT_EQ(mut::find_mutator(m.name), &*mut::find_mutator(m.name));
  }
  EXPECT_GE(names.size(), 31u);
  EXPECT_THROW(mut::parse_chain("bad-ip,no-such-mutator"), std::invalid_argument);
  EXPECT_EQ(mut::parse_chain("bad-ip,gzip-bomb=10").size(), 2u);
}

TEST(Mutators, JsonMutatorsDrawTheirRule) {
  for (const auto& m : mut::mutators()) {
    if (m.layer != mut::Layer::json) continue;
    auto f = test::factory_for("strict-rfc", Format::json, {std::string(m.name)});
    for (std::uint64_t k = 0; k < 12; ++k) {
      const auto a = f.make(k);
      ASSERT_EQ(a.steps.size(), 1u);
      ASSERT_TRUE(a.steps[0].applied) << m.name << ": " << a.steps[0].description;
      const auto r = parse_report(a.bytes, Profile::strict);
      if (m.expect == "accept") {
        EXPECT_TRUE(r.valid()) << m.name << ": " << rules_of(r.findings);
      } else {
        EXPECT_TRUE(has_rule(r.findings, alternatives(m.expect)))
            << m.name << " #" << k << " (" << a.steps[0].description << ") expected " << m.expect << ", got "
            << rules_of(r.findings);
        // An unknown result type is only a warning (the registry grows by Expert Review, §6.6).
        if (m.name == "unknown-result-type")
          EXPECT_TRUE(r.valid()) << m.name << " #" << k;
        else
          EXPECT_FALSE(r.valid()) << m.name << " #" << k;
      }
    }
  }
}

TEST(Mutators, GzipMutatorsDrawTheirStatus) {
  for (const auto& m : mut::mutators()) {
    if (m.layer != mut::Layer::gzip) continue;
    auto f = test::factory_for("strict-rfc", Format::json_gz, {std::string(m.name)});
    for (std::uint64_t k = 0; k < 4; ++k) {
      const auto a = f.make(k);
      ASSERT_TRUE(a.steps.at(0).applied) << m.name << ": " << a.steps[0].description;
      // Caps of a careful receiver: a report never needs more than 8 MiB or a 100:1 ratio.
      const auto inflated = gunzip_capped(a.bytes, InflateLimits{8u << 20, 100});
      if (m.expect == "accept") {
        ASSERT_TRUE(inflated.ok()) << m.name << ": " << inflated.message;
        EXPECT_TRUE(parse_report(inflated.data, Profile::strict).valid()) << m.name;
      } else {
        bool matched = false;
        for (const auto& alt : alternatives(m.expect)) matched = matched || alt == "gzip:" + status_name(inflated.status);
        EXPECT_TRUE(matched) << m.name << ": expected " << m.expect << ", got " << status_name(inflated.status);
      }
    }
  }
}

KeyLookup lookup_for(const DkimKey& key) {
  return [record = dkim_key_record(key)](std::string_view, std::string_view) -> std::optional<std::string> {
    return record;
  };
}

TEST(Mutators, MimeMutatorsDrawTheirVerdict) {
  PersonalitySigner signer(generate_dkim_key());
  for (const auto& m : mut::mutators()) {
    if (m.layer != mut::Layer::mime) continue;
    auto f = test::factory_for("strict-rfc", Format::eml, {std::string(m.name)}, &signer);
    for (std::uint64_t k = 0; k < 3; ++k) {
      const auto a = f.make(k);
      ASSERT_TRUE(a.steps.at(0).applied) << m.name << ": " << a.steps[0].description;
      if (m.expect == "dkim:fail") {
        EXPECT_EQ(dkim_verify(a.bytes, lookup_for(signer.key())).status, DkimStatus::fail) << m.name;
        continue;
      }
      const auto result = check::check_bytes(a.bytes, std::string(m.name), {Profile::strict});
      if (m.expect == "accept") {
        ASSERT_TRUE(result.report.has_value()) << m.name << ": " << rules_of(result.findings);
        const auto clean = test::factory_for("strict-rfc", Format::json).make(k);
        EXPECT_EQ(*result.report, *parse_report(clean.bytes).report) << m.name;
      } else if (m.expect.starts_with("gzip:")) {
        EXPECT_FALSE(result.valid()) << m.name;
      } else {
        EXPECT_TRUE(has_rule(result.findings, alternatives(m.expect)))
            << m.name << ": expected " << m.expect << ", got " << rules_of(result.findings);
      }
    }
  }
}

TEST(Mutators, SignedMailVerifiesWithThePersonalityCoverage) {
  PersonalitySigner signer(generate_dkim_key());
  for (auto personality : {"strict-rfc", "google", "microsoft", "mailru", "stalwart", "postfix"}) {
    auto f = test::factory_for(personality, Format::eml, {}, &signer);
    const auto a = f.make(1);
    const auto r = dkim_verify(a.bytes, lookup_for(signer.key()));
    EXPECT_TRUE(r.ok()) << personality << ": " << r.reason << "\n" << a.bytes.substr(0, 1500);
    EXPECT_EQ(r.covers_tls_report_headers, find_personality(personality)->dkim_covers_report_headers) << personality;
    EXPECT_EQ(r.domain, personality == std::string("mailru") ? "corp.mail.ru" : r.domain);
  }
}

TEST(Mutators, ApplyIsTolerantOfAnyInput) {
  Rng rng(1);
  for (const auto& m : mut::mutators()) {
    for (std::string_view junk : {std::string_view{}, std::string_view{"\x1f\x8b"}, std::string_view{"not json {"},
                                  std::string_view{"Subject: x\r\n\r\nbody"}}) {
      const auto out = mut::apply(m.name, junk, rng);
      EXPECT_FALSE(out.description.empty()) << m.name;
    }
  }
  EXPECT_THROW(mut::apply("nope", "", rng), std::invalid_argument);
}

}  // namespace
}  // namespace tlsrpt::gen
