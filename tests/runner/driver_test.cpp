// The driver on a scripted backend: the schedule, world changes at the right virtual times,
// parallel sessions, day ends, interruption, and the expectation checks.
#include <gtest/gtest.h>

#include "sim/runner/check.hpp"
#include "sim/runner/driver.hpp"
#include "sim/runner/schedule.hpp"
#include "sim/runner/world_state.hpp"
#include "tests/runner/scripted_world.hpp"

namespace {

using namespace tlsrpt;
using namespace tlsrpt::runner;

TEST(Schedule, IsDeterministicOrderedAndInsideTheDay) {
  const auto s = test::scripted_scenario();
  const auto a = plan_day(s, 1);
  const auto b = plan_day(s, 1);
  ASSERT_EQ(a.size(), 500u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].at, b[i].at);
    EXPECT_EQ(a[i].seed, b[i].seed);
    EXPECT_GE(a[i].at, s.start);
    EXPECT_LT(a[i].at, s.start + 86400);
    if (i) {
      EXPECT_LE(a[i - 1].at, a[i].at);
    }
  }
  const auto day2 = plan_day(s, 2);
  ASSERT_EQ(day2.size(), 500u);
  EXPECT_GE(day2.front().at, s.start + 86400);
  EXPECT_NE(day2.front().seed, a.front().seed);
}

TEST(Schedule, ShapesPutSessionsWhereTheyBelong) {
  auto s = test::scripted_scenario();
  s.senders.resize(1);
  s.senders[0].sessions = 5000;
  s.senders[0].shape = "business-hours";
  int office = 0;
  for (const auto& p : plan_day(s, 1)) {
    const auto hour = (p.at - s.start) / 3600;
    office += hour >= 8 && hour < 18 ? 1 : 0;
  }
  EXPECT_GT(office, 3000);  // ~74% of the weight lies between 08:00 and 18:00
}

TEST(WorldState, FollowsTheTimeline) {
  const auto s = test::scripted_scenario();
  EXPECT_FALSE(state_at(s, s.start + 86400 + 5 * 3600).mx.at("mx1.example.test").stripped);
  EXPECT_TRUE(state_at(s, s.start + 86400 + 6 * 3600).mx.at("mx1.example.test").stripped);
  EXPECT_FALSE(state_at(s, s.start + 86400 + 8 * 3600).mx.at("mx1.example.test").stripped);
  const auto times = transition_times(s);
  const std::vector<UnixTime> expected{s.start + 14 * 3600, s.start + 86400 + 6 * 3600, s.start + 86400 + 8 * 3600};
  EXPECT_EQ(times, expected);
}

TEST(Driver, RunsEverySessionAppliesTheTimelineAndEndsEachDay) {
  const auto s = test::scripted_scenario();
  test::ScriptedBackend backend(s);
  RunResult result;
  drive(s, backend, DriveOptions{}, result);
  EXPECT_EQ(result.status, RunStatus::completed);
  EXPECT_EQ(result.total_sessions, 1000);
  EXPECT_EQ(backend.days_ended, 2);
  EXPECT_TRUE(backend.finished);
  // Applied at the start, at 06:00 and 08:00 of day 2 (the expiry changes no state).
  ASSERT_EQ(backend.applied.size(), 3u);
  EXPECT_EQ(backend.applied[1], s.start + 86400 + 6 * 3600);
  EXPECT_EQ(backend.applied[2], s.start + 86400 + 8 * 3600);

  const auto cases = check_expectations(s, result);
  ASSERT_EQ(cases.size(), 3u);
  for (const auto& c : cases) EXPECT_EQ(c.status, CaseStatus::pass) << c.id << ": " << c.message << " / " << c.actual;
  EXPECT_EQ(exit_code(result, cases), 0);
  EXPECT_FALSE(result.transcripts.empty());
}

TEST(Driver, AWrongExpectationFailsWithExpectedAndActual) {
  std::string text = test::scripted_yaml;
  text.replace(text.find("after: \"14:00\""), 14, "after: \"15:00\"");
  const auto s = test::scripted_scenario(text);
  test::ScriptedBackend backend(s);
  RunResult result;
  drive(s, backend, DriveOptions{}, result);
  const auto cases = check_expectations(s, result);
  EXPECT_EQ(cases[0].status, CaseStatus::fail);
  EXPECT_NE(cases[0].message.find("before 2026-03-01T15:00:00Z"), std::string::npos) << cases[0].message;
  EXPECT_EQ(exit_code(result, cases), 1);
}

TEST(Driver, CountsAreChecked) {
  std::string text = test::scripted_yaml;
  text.replace(text.find("reports: 4"), 10, "reports: 5");
  const auto s = test::scripted_scenario(text);
  test::ScriptedBackend backend(s);
  RunResult result;
  drive(s, backend, DriveOptions{}, result);
  const auto cases = check_expectations(s, result);
  EXPECT_EQ(cases[2].status, CaseStatus::fail);
  EXPECT_EQ(cases[2].actual, "4 reports");
}

TEST(Driver, StopFlagInterruptsAndKeepsWhatWasMeasured) {
  const auto s = test::scripted_scenario();
  test::ScriptedBackend backend(s);
  std::atomic<bool> stop{false};
  DriveOptions options;
  options.stop = &stop;
  options.on_progress = [&](const Progress& p) {
    if (p.sessions_done > 0) stop = true;
  };
  RunResult result;
  drive(s, backend, options, result);
  EXPECT_EQ(result.status, RunStatus::interrupted);
  EXPECT_GT(result.total_sessions, 0);
  EXPECT_LT(result.total_sessions, 1000);
  EXPECT_FALSE(backend.finished);
  const auto cases = check_expectations(s, result);
  EXPECT_EQ(exit_code(result, cases), 2);
}

TEST(Driver, UnsupportedIsNeverAPass) {
  const auto s = test::scripted_scenario();
  RunResult result;
  result.status = RunStatus::unsupported;
  result.unsupported = {"the attacker"};
  const auto cases = check_expectations(s, result);
  for (const auto& c : cases) {
    EXPECT_EQ(c.status, CaseStatus::unsupported);
    EXPECT_NE(c.message.find("the attacker"), std::string::npos);
  }
  EXPECT_EQ(exit_code(result, cases), 1);
}

}  // namespace
