#include "fuzz/driver/minimize.hpp"

#include <gtest/gtest.h>

#include "core/formats/gzip.hpp"

namespace tlsrpt::fuzz {
namespace {

const std::string kReport =
    R"({"organization-name":"Org","date-range":{"start-datetime":"2026-03-01T00:00:00Z"},)"
    R"("policies":[{"summary":{"total-successful-session-count":1}},{"policy":{"mx-host":["a","b"]}}]})";

TEST(Minimize, DropsEveryMemberAndElementTheFindingDoesNotNeed) {
  const auto reproduces = [](const std::string& s) { return s.find(R"("mx-host")") != std::string::npos; };
  const auto m = minimize(kReport, reproduces, {});
  EXPECT_TRUE(m.structural);
  EXPECT_TRUE(reproduces(m.bytes));
  EXPECT_LE(m.bytes.size(), std::string(R"({"policies":[{"policy":{"mx-host":[]}}]})").size());
}

TEST(Minimize, FallsBackToBytesWhenTheInputIsNotJson) {
  const std::string input = "garbage garbage CRASH garbage garbage";
  const auto m = minimize(input, [](const std::string& s) { return s.find("CRASH") != std::string::npos; }, {});
  EXPECT_FALSE(m.structural);
  EXPECT_EQ(m.bytes, "CRASH");
}

TEST(Minimize, KeepsTheInputWhenNothingSmallerReproduces) {
  const auto m = minimize(kReport, [](const std::string& s) { return s == kReport; }, {});
  EXPECT_EQ(m.bytes, kReport);
}

TEST(Minimize, ShrinksTheJsonInsideAGzipMember) {
  const auto gz = gzip_compress(kReport);
  const auto reproduces = [](const std::string& s) {
    const auto r = gunzip_capped(s);
    return r.ok() && r.data.find("Org") != std::string::npos;
  };
  const auto m = minimize(gz, reproduces, {});
  ASSERT_TRUE(reproduces(m.bytes));
  EXPECT_LT(gunzip_capped(m.bytes).data.size(), 12u);
}

TEST(Minimize, StopsAtTheAttemptBudget) {
  std::size_t calls = 0;
  MinimizeBudget budget;
  budget.max_attempts = 5;
  minimize(std::string(1000, 'x'), [&](const std::string&) { ++calls; return false; }, budget);
  EXPECT_LE(calls, 5u);
}

}  // namespace
}  // namespace tlsrpt::fuzz
