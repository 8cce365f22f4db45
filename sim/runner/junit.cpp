// JUnit XML as the common schema wants it: testsuites/testsuite with name, tests, failures, errors,
// skipped, time; testcase with classname, name, time; failures kept apart from harness errors.
#include <pugixml.hpp>

#include <sstream>

#include "sim/runner/outputs.hpp"

namespace tlsrpt::runner {
namespace {

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  void add(CaseStatus s) {
    ++tests;
    failures += s == CaseStatus::fail ? 1 : 0;
    errors += s == CaseStatus::error ? 1 : 0;
    skipped += s == CaseStatus::unsupported ? 1 : 0;
  }
  void write(pugi::xml_node node) const {
    node.append_attribute("tests") = tests;
    node.append_attribute("failures") = failures;
    node.append_attribute("errors") = errors;
    node.append_attribute("skipped") = skipped;
  }
};

std::string seconds(double s) {
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << s;
  return out.str();
}

}  // namespace

std::string junit_xml(const std::vector<RunView>& views) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "tlsrpt-lab run";
  Counts all;
  double total_time = 0;
  std::vector<std::pair<pugi::xml_node, Counts>> pending;
  for (const auto& view : views) {
    auto suite = suites.append_child("testsuite");
    suite.append_attribute("name") = view.scenario.id.c_str();
    Counts counts;
    for (const auto& c : view.cases) counts.add(c.status);
    counts.write(suite);
    suite.append_attribute("time") = seconds(view.run.wall_seconds).c_str();
    auto properties = suite.append_child("properties");
    auto add_property = [&](const char* name, const std::string& value) {
      auto p = properties.append_child("property");
      p.append_attribute("name") = name;
      p.append_attribute("value") = value.c_str();
    };
    add_property("seed", std::to_string(view.scenario.seed));
    add_property("file", view.scenario.file);
    add_property("status", std::string(to_string(view.run.status)));
    const double per_case = view.cases.empty() ? 0 : view.run.wall_seconds / static_cast<double>(view.cases.size());
    for (const auto& c : view.cases) {
      auto testcase = suite.append_child("testcase");
      testcase.append_attribute("classname") = view.scenario.id.c_str();
      testcase.append_attribute("name") = c.id.c_str();
      testcase.append_attribute("time") = seconds(per_case).c_str();
      const std::string body = "expected: " + c.expected + "\nactual: " + c.actual;
      if (c.status == CaseStatus::fail) {
        auto failure = testcase.append_child("failure");
        failure.append_attribute("message") = c.message.c_str();
        failure.append_attribute("type") = "expectation";
        failure.text() = body.c_str();
      } else if (c.status == CaseStatus::error) {
        auto error = testcase.append_child("error");
        error.append_attribute("message") = c.message.c_str();
        error.append_attribute("type") = "harness";
        error.text() = body.c_str();
      } else if (c.status == CaseStatus::unsupported) {
        testcase.append_child("skipped").append_attribute("message") = c.message.c_str();
      }
    }
    all.tests += counts.tests;
    all.failures += counts.failures;
    all.errors += counts.errors;
    all.skipped += counts.skipped;
    total_time += view.run.wall_seconds;
  }
  all.write(suites);
  suites.append_attribute("time") = seconds(total_time).c_str();
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace tlsrpt::runner
