#include <pugixml.hpp>

#include <sstream>

#include "conformance/output/outputs.hpp"

namespace tlsrpt::conformance {

std::string to_junit(const RunSummary& summary, const RunInfo& info) {
  pugi::xml_document doc;
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "tlsrpt-lab conformance";
  int all_tests = 0, all_failures = 0, all_errors = 0, all_skipped = 0;
  for (Tier tier : {Tier::must, Tier::should, Tier::interop}) {
    auto suite = suites.append_child("testsuite");
    const std::string name = "conformance." + std::string(to_string(tier));
    suite.append_attribute("name") = name.c_str();
    auto props = suite.append_child("properties");
    auto prop = [&](const char* key, const std::string& value) {
      auto p = props.append_child("property");
      p.append_attribute("name") = key;
      p.append_attribute("value") = value.c_str();
    };
    prop("seed", std::to_string(info.seed));
    prop("target", info.target);
    prop("oracle", info.oracle.empty() ? "none" : info.oracle);
    int tests = 0, failures = 0, errors = 0, skipped = 0;
    double seconds = 0;
    for (const auto& r : summary.results) {
      if (r.c->tier != tier) continue;
      ++tests;
      const double t = static_cast<double>(r.elapsed.count()) / 1000.0;
      seconds += t;
      auto tc = suite.append_child("testcase");
      tc.append_attribute("name") = std::string(r.c->id).c_str();
      tc.append_attribute("classname") = name.c_str();
      tc.append_attribute("time") = t;
      const std::string message = std::string(r.c->requirement) + " -- " + r.detail;
      switch (r.outcome) {
        case Outcome::pass: break;
        case Outcome::fail:
        case Outcome::xpass: {
          ++failures;
          auto f = tc.append_child("failure");
          f.append_attribute("message") = message.c_str();
          f.append_attribute("type") = std::string(to_string(r.outcome)).c_str();
          f.text().set(r.transcript.c_str());
          break;
        }
        case Outcome::error: {
          ++errors;
          auto e = tc.append_child("error");
          e.append_attribute("message") = message.c_str();
          e.append_attribute("type") = "harness";
          break;
        }
        case Outcome::xfail:
        case Outcome::not_supported:
        case Outcome::not_run: {
          ++skipped;
          auto s = tc.append_child("skipped");
          const std::string why = std::string(to_string(r.outcome)) + ": " + (r.reason.empty() ? r.detail : r.reason);
          s.append_attribute("message") = why.c_str();
          break;
        }
      }
      if (!r.transcript.empty() && r.outcome != Outcome::fail && r.outcome != Outcome::xpass)
        tc.append_child("system-out").text().set(r.transcript.c_str());
    }
    suite.append_attribute("tests") = tests;
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = errors;
    suite.append_attribute("skipped") = skipped;
    suite.append_attribute("time") = seconds;
    all_tests += tests;
    all_failures += failures;
    all_errors += errors;
    all_skipped += skipped;
  }
  suites.append_attribute("tests") = all_tests;
  suites.append_attribute("failures") = all_failures;
  suites.append_attribute("errors") = all_errors;
  suites.append_attribute("skipped") = all_skipped;
  suites.append_attribute("time") = static_cast<double>(summary.elapsed.count()) / 1000.0;
  std::ostringstream out;
  doc.save(out, "  ");
  return out.str();
}

}  // namespace tlsrpt::conformance
