#include "sim/mta/report/report_builder.hpp"

#include <gtest/gtest.h>

namespace tlsrpt::sim {
namespace {

constexpr std::int64_t kDay = 20513;  // 2026-03-01
constexpr UnixSeconds kStart = kDay * 86400;

const ReporterIdentity kWho{"Big Mail Inc.", "tlsrpt@sender.test", "sender.test"};

struct World {
  Aggregator agg;
  PolicyId sts, tlsa, none;
  World() {
    sts = agg.intern(AppliedPolicy{PolicyType::sts, "example.test",
                                   {"version: STSv1", "max_age: 86400", "mx: mx1.example.test", "mode: enforce",
                                    "mx: *.backup.example.test"},
                                   {"mx1.example.test", "*.backup.example.test"}, {}});
    tlsa = agg.intern(AppliedPolicy{PolicyType::tlsa, "mx1.dane.test", {"3 1 1 ab12cd", "2 0 1 ef34"}, {}, {}});
    none = agg.intern(no_policy_found("plain.test"));
    FailureKey expired{ResultType::certificate_expired, agg.intern("127.0.0.9"), agg.intern("mx1.example.test"),
                       agg.intern("mx1.example.test"), agg.intern("127.1.0.1"),
                       agg.intern("X509_V_ERR_CERT_HAS_EXPIRED")};
    FailureKey expired_other_reason = expired;
    expired_other_reason.reason = agg.intern("other");
    agg.record({sts, kStart + 1, true, {}});
    agg.record({sts, kStart + 2, false, expired});
    agg.record({sts, kStart + 3, false, expired_other_reason});
    agg.record({tlsa, kStart + 4, true, {}});
    agg.record({none, kStart + 5, true, {}});
  }
  std::vector<BuiltReport> build(const Personality& p, std::uint64_t seed = 7) {
    return build_reports(agg, kDay, kWho, p, seed, kStart + 86400 + 3600);
  }
};

const PolicyReport& only_policy(const BuiltReport& r) {
  EXPECT_EQ(r.report.policies.size(), 1u);
  return r.report.policies.at(0);
}

TEST(ReportBuilder, StrictDefaultIsOneReportPerPolicyDomainWithTheRfcShape) {
  World w;
  auto reports = w.build(Personality{});
  ASSERT_EQ(reports.size(), 3u);  // example.test, mx1.dane.test, plain.test in name order
  const BuiltReport& r = reports[0];
  EXPECT_EQ(r.policy_domain, "example.test");
  EXPECT_EQ(r.report.organization_name, "Big Mail Inc.");
  EXPECT_EQ(r.report.contact_info, "tlsrpt@sender.test");
  EXPECT_EQ(r.report.date_range.start_datetime, "2026-03-01T00:00:00Z");
  EXPECT_EQ(r.report.date_range.end_datetime, "2026-03-01T23:59:59Z");
  EXPECT_EQ(r.begin, kStart);
  EXPECT_EQ(r.end, kStart + 86399);
  ASSERT_TRUE(r.report.report_id);
  EXPECT_TRUE(r.report.report_id->starts_with("20260301.example.test."));
  EXPECT_TRUE(r.report.report_id->ends_with("@sender.test"));
  const PolicyReport& p = only_policy(r);
  EXPECT_EQ(p.policy.policy_type, PolicyType::sts);
  EXPECT_EQ(p.policy.policy_string->at(1), "max_age: 86400");  // as published
  EXPECT_EQ(p.policy.mx_host, (std::vector<std::string>{"mx1.example.test", "*.backup.example.test"}));
  EXPECT_EQ(p.summary.total_successful_session_count, 1);
  EXPECT_EQ(p.summary.total_failure_session_count, 2);
  ASSERT_EQ(p.failure_details->size(), 2u);
  EXPECT_EQ(p.failure_details->at(0).failure_reason_code, "X509_V_ERR_CERT_HAS_EXPIRED");
  EXPECT_EQ(p.failure_details->at(0).receiving_mx_helo, "mx1.example.test");

  const PolicyReport& t = only_policy(reports[1]);
  EXPECT_EQ(t.policy.policy_string, (std::vector<std::string>{"3 1 1 AB12CD", "2 0 1 EF34"}));
  EXPECT_FALSE(t.policy.mx_host);
  EXPECT_FALSE(t.failure_details);

  const PolicyReport& n = only_policy(reports[2]);
  EXPECT_EQ(n.policy.policy_type, PolicyType::no_policy_found);
  EXPECT_EQ(n.policy.policy_domain, "plain.test");
  EXPECT_FALSE(n.policy.policy_string);
  EXPECT_FALSE(n.policy.mx_host);
}

TEST(ReportBuilder, SameSeedSameReportsOtherSeedOtherIds) {
  World w;
  auto a = w.build(Personality{}, 7);
  auto b = w.build(Personality{}, 7);
  auto c = w.build(Personality{}, 8);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].report, b[i].report);
    EXPECT_EQ(a[i].unique_id, b[i].unique_id);
    EXPECT_NE(a[i].report.report_id, c[i].report.report_id);
  }
  EXPECT_NE(a[0].report.report_id, a[1].report.report_id);
}

TEST(ReportBuilder, MicrosoftCanonicalOrderJsonInStringTlsaNoMxHostNoReasons) {
  World w;
  auto reports = w.build(*personality_by_name("microsoft"));
  const PolicyReport& p = only_policy(reports[0]);
  EXPECT_EQ(*p.policy.policy_string,
            (std::vector<std::string>{"version: STSv1", "mode: enforce", "mx: mx1.example.test",
                                      "mx: *.backup.example.test", "max_age: 86400"}));
  EXPECT_FALSE(p.policy.mx_host);
  ASSERT_EQ(p.failure_details->size(), 1u);  // the two reasons merge once reasons are not sent
  EXPECT_EQ(p.failure_details->at(0).failed_session_count, 2);
  EXPECT_FALSE(p.failure_details->at(0).failure_reason_code);
  EXPECT_EQ(only_policy(reports[1]).policy.policy_string,
            (std::vector<std::string>{R"(["3 1 1 AB12CD","2 0 1 EF34"])"}));
  EXPECT_TRUE(reports[0].report.report_id->ends_with("+example.test"));
}

TEST(ReportBuilder, StalwartNextMidnightAllKeysAndMaxAgeBeforeMx) {
  World w;
  auto reports = w.build(*personality_by_name("stalwart"));
  EXPECT_EQ(reports[0].report.date_range.end_datetime, "2026-03-02T00:00:00Z");
  EXPECT_EQ(reports[0].end, kStart + 86400);
  EXPECT_EQ(only_policy(reports[0]).policy.policy_string->at(2), "max_age: 86400");
  const PolicyReport& n = only_policy(reports[2]);
  EXPECT_EQ(n.policy.policy_string, std::vector<std::string>{});
  EXPECT_EQ(n.policy.mx_host, std::vector<std::string>{});
  EXPECT_EQ(n.failure_details, std::vector<FailureDetail>{});
}

TEST(ReportBuilder, TlsaPoliciesGoInTheRecipientDomainsReportUnderTheirMxHost) {
  Aggregator agg;
  const PolicyId mx1 = agg.intern(AppliedPolicy{PolicyType::tlsa, "mx1.dane.test", {"3 1 1 ab12"}, {}, "dane.test"});
  const PolicyId mx2 = agg.intern(AppliedPolicy{PolicyType::tlsa, "mx2.dane.test", {"3 1 1 cd34"}, {}, "dane.test"});
  const PolicyId host_report = agg.intern(AppliedPolicy{PolicyType::tlsa, "mx1.dane.test", {"3 1 1 ab12"}, {}, {}});
  EXPECT_NE(mx1, host_report);  // reported elsewhere: a different policy
  agg.record({mx1, kStart + 1, true, {}});
  agg.record({mx2, kStart + 2, true, {}});
  agg.record({host_report, kStart + 3, true, {}});
  const auto reports = build_reports(agg, kDay, kWho, Personality{}, 7, kStart + 86400);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].policy_domain, "dane.test");
  ASSERT_EQ(reports[0].report.policies.size(), 2u);
  EXPECT_EQ(reports[0].report.policies[0].policy.policy_domain, "mx1.dane.test");
  EXPECT_EQ(reports[0].report.policies[1].policy.policy_domain, "mx2.dane.test");
  EXPECT_EQ(reports[1].policy_domain, "mx1.dane.test");
}

TEST(ReportBuilder, ReportIdSchemes) {
  World w;
  EXPECT_EQ(w.build(*personality_by_name("google"))[0].report.report_id, "2026-03-01T00:00:00Z_example.test");
  EXPECT_EQ(w.build(*personality_by_name("postfix"))[1].report.report_id,
            "2026-03-01T00:00:00Z_idx1_mx1.dane.test");
  EXPECT_EQ(w.build(*personality_by_name("mox"))[0].report.report_id, "20260301.example.test@sender.test");
  auto mailru = *w.build(*personality_by_name("mailru"))[0].report.report_id;
  EXPECT_EQ(mailru.size(), 36u + std::string("@sender.test").size());
  EXPECT_EQ(mailru[14], '4');  // UUID version nibble
}

TEST(Personality, NamesRoundTripAndUnknownIsNullopt) {
  for (auto name : personality_names()) {
    auto p = personality_by_name(name);
    ASSERT_TRUE(p) << name;
    EXPECT_EQ(p->name, name);
  }
  EXPECT_FALSE(personality_by_name("nonesuch"));
}

}  // namespace
}  // namespace tlsrpt::sim

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "core/records/report_filename.hpp"
#include "sim/mta/report/report_package.hpp"

namespace tlsrpt::sim {
namespace {

TEST(ReportPackage, StrictReportsPassTheStrictParserAndCarryTheFilename) {
  World w;
  for (BuiltReport& r : w.build(Personality{})) {
    const Report original = r.report;
    PackagedReport p = package_report(std::move(r), kWho, Personality{});
    ParseResult parsed = parse_report(p.json, Profile::strict);
    EXPECT_TRUE(parsed.valid()) << p.json;
    for (const auto& f : parsed.findings) ADD_FAILURE() << f.rule << ": " << f.message << "\n" << p.json;
    EXPECT_EQ(emit_json(*parsed.report), emit_json(original));
    auto inflated = gunzip_capped(p.payload);
    ASSERT_TRUE(inflated.ok());
    EXPECT_EQ(inflated.data, p.json);
    auto name = parse_report_filename(p.filename);
    ASSERT_TRUE(name.ok()) << p.filename;
    EXPECT_EQ(name.value->sender, "sender.test");
    EXPECT_EQ(name.value->policy_domain, p.built.policy_domain);
    EXPECT_EQ(name.value->begin, kStart);
    EXPECT_EQ(name.value->end, kStart + 86399);
    EXPECT_TRUE(p.filename.ends_with(".json.gz"));
  }
}

TEST(ReportPackage, EveryPersonalityStillParsesLeniently) {
  World w;
  for (auto name : personality_names()) {
    const Personality who = *personality_by_name(name);
    for (BuiltReport& r : w.build(who)) {
      PackagedReport p = package_report(std::move(r), kWho, who);
      EXPECT_TRUE(parse_report(p.json, Profile::lenient).valid()) << name << ": " << p.json;
      EXPECT_TRUE(parse_report_filename(p.filename).ok()) << p.filename;
    }
  }
}

}  // namespace
}  // namespace tlsrpt::sim
