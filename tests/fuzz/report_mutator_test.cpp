#include "fuzz/structured/report_mutator.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/formats/gzip.hpp"

namespace tlsrpt::fuzz {
namespace {

const std::string kReport =
    R"({"organization-name":"Org","date-range":{"start-datetime":"2026-03-01T00:00:00Z","end-datetime":"2026-03-01T23:59:59Z"},)"
    R"("contact-info":"a@example.com","report-id":"r1","policies":[{"policy":{"policy-type":"sts","policy-domain":"example.com",)"
    R"("mx-host":["mx.example.com"]},"summary":{"total-successful-session-count":5,"total-failure-session-count":0}}]})";

std::size_t no_bytes(std::uint8_t*, std::size_t size, std::size_t) { return size; }

TEST(ReportMutator, MakesManyDifferentStructuredVariantsWithinTheSizeLimit) {
  std::set<std::string> seen;
  int gz = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const auto out = mutate_report(kReport, 4096, seed, no_bytes);
    EXPECT_LE(out.size(), 4096u);
    seen.insert(out);
    if (looks_gzipped(out)) ++gz;
  }
  EXPECT_GT(seen.size(), 50u);
  EXPECT_GT(gz, 0) << "some variants move to the gzip layer";
}

TEST(ReportMutator, SameSeedSameOutput) {
  EXPECT_EQ(mutate_report(kReport, 4096, 42, no_bytes), mutate_report(kReport, 4096, 42, no_bytes));
}

TEST(ReportMutator, GzipInputsAreMutatedInsideTheMember) {
  const auto gz = gzip_compress(kReport);
  int changed = 0;
  for (std::uint64_t seed = 0; seed < 50; ++seed)
    if (mutate_report(gz, 1 << 16, seed, no_bytes) != gz) ++changed;
  EXPECT_GT(changed, 25);
}

TEST(ReportMutator, CrossOverTakesAMemberOfTheOther) {
  const auto out = cross_over_reports(kReport, R"({"report-id":"other"})", 4096, 1);
  EXPECT_NE(out.find(R"("report-id":"other")"), std::string::npos) << out;
  EXPECT_LE(cross_over_reports("abc", "defgh", 3, 2).size(), 3u);
}

}  // namespace
}  // namespace tlsrpt::fuzz
