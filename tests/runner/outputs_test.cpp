// The outputs as pure functions of a run: result.json, JUnit XML, the HTML page, the summary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <fstream>

#include "sim/runner/driver.hpp"
#include "sim/runner/outputs.hpp"
#include "tests/runner/scripted_world.hpp"

namespace {

using namespace tlsrpt;
using namespace tlsrpt::runner;

struct Fixture {
  scenario::Scenario s = test::scripted_scenario();
  RunResult run;
  std::vector<CaseResult> cases;
  Fixture() {
    test::ScriptedBackend backend(s);
    drive(s, backend, DriveOptions{}, run);
    cases = check_expectations(s, run);
    cases[1].status = CaseStatus::fail;  // one of each kind, for the outputs
    cases[1].message = "expected >0, measured 0";
    cases.push_back({"broken", CaseStatus::error, "x", "y", "the sink died"});
    cases.push_back({"later", CaseStatus::unsupported, "x", "not run", "unsupported in this build: attacker"});
  }
  RunView view() const { return RunView{s, run, cases}; }
};

TEST(Outputs, ResultJsonHasSortedKeysSeedAndEveryExpectation) {
  const Fixture f;
  const std::string text = result_json(f.view());
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["seed"], 3);
  EXPECT_EQ(j["id"], "8460-4.3.1-scripted");
  ASSERT_EQ(j["expectations"].size(), 5u);
  EXPECT_EQ(j["expectations"][0]["status"], "pass");
  EXPECT_TRUE(j["expectations"][0].contains("expected"));
  EXPECT_TRUE(j["expectations"][0].contains("actual"));
  EXPECT_EQ(j["total_sessions"], 1000);
  // Sorted keys: "clock" comes before "exit_code" before "expectations" in the text.
  EXPECT_LT(text.find("\"clock\""), text.find("\"exit_code\""));
  EXPECT_LT(text.find("\"exit_code\""), text.find("\"expectations\""));
  EXPECT_EQ(result_json(f.view()), text);  // deterministic
}

TEST(Outputs, JunitHasEveryRequiredAttributeAndKeepsFailuresApartFromErrors) {
  const Fixture f;
  const std::string xml = junit_xml({f.view(), f.view()});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  const auto suites = doc.child("testsuites");
  ASSERT_TRUE(suites);
  for (const char* a : {"name", "tests", "failures", "errors", "skipped", "time"})
    EXPECT_TRUE(suites.attribute(a)) << a;
  EXPECT_EQ(suites.attribute("tests").as_int(), 10);
  EXPECT_EQ(suites.attribute("failures").as_int(), 2);
  EXPECT_EQ(suites.attribute("errors").as_int(), 2);
  EXPECT_EQ(suites.attribute("skipped").as_int(), 2);
  int suite_count = 0;
  for (const auto suite : suites.children("testsuite")) {
    ++suite_count;
    for (const char* a : {"name", "tests", "failures", "errors", "skipped", "time"})
      EXPECT_TRUE(suite.attribute(a)) << a;
    EXPECT_STREQ(suite.attribute("name").value(), "8460-4.3.1-scripted");
    int cases = 0;
    for (const auto tc : suite.children("testcase")) {
      ++cases;
      for (const char* a : {"classname", "name", "time"}) EXPECT_TRUE(tc.attribute(a)) << a;
      EXPECT_GE(tc.attribute("time").as_double(-1), 0);
    }
    EXPECT_EQ(cases, 5);
    EXPECT_TRUE(suite.find_child_by_attribute("testcase", "name", "stripped").child("failure"));
    EXPECT_TRUE(suite.find_child_by_attribute("testcase", "name", "broken").child("error"));
    EXPECT_FALSE(suite.find_child_by_attribute("testcase", "name", "broken").child("failure"));
    EXPECT_TRUE(suite.find_child_by_attribute("testcase", "name", "later").child("skipped"));
    EXPECT_STREQ(suite.child("properties").find_child_by_attribute("property", "name", "seed").attribute("value").value(), "3");
  }
  EXPECT_EQ(suite_count, 2);
}

TEST(Outputs, HtmlIsSelfContained) {
  const Fixture f;
  const std::string html = html_page(f.view());
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<polyline"), std::string::npos);
  EXPECT_NE(html.find("certificate-expired"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // The only URL allowed is the SVG namespace identifier, which is never fetched.
  std::size_t at = 0;
  while ((at = html.find("http", at)) != std::string::npos) {
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0) << html.substr(at, 60);
    ++at;
  }
}

TEST(Outputs, SummarySaysWhatBrokeWhenForWhomAndTheSeed) {
  const Fixture f;
  const std::string text = terminal_summary(f.view());
  EXPECT_NE(text.find("certificate-expired at mx2.example.test"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-03-01T14:"), std::string::npos) << text;
  EXPECT_NE(text.find("seed 3"), std::string::npos);
  EXPECT_NE(text.find("starttls-not-supported at mx1.example.test"), std::string::npos);
  EXPECT_NE(text.find("Result: HARNESS ERROR"), std::string::npos) << text;
}

TEST(Outputs, WritesTheOutputFolder) {
  const Fixture f;
  const auto dir = test::make_temp_dir("outputs");
  write_outputs(f.view(), dir);
  for (const char* name : {"result.json", "junit.xml", "index.html", "summary.txt"})
    EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
  EXPECT_TRUE(std::filesystem::exists(dir / "reports" / "sender!example.test!1!A.json.gz"));
  EXPECT_TRUE(std::filesystem::exists(dir / "transcripts" / "1-certificate-expired.txt") ||
              std::filesystem::exists(dir / "transcripts" / "1-starttls-not-supported.txt"));
}

}  // namespace
