// A self-contained HTML page: inline CSS and SVG only, no scripts, no external references.
#include <algorithm>
#include <map>

#include "core/util/datetime.hpp"
#include "sim/runner/incident.hpp"
#include "sim/runner/outputs.hpp"

namespace tlsrpt::runner {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* palette[] = {"#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

// Failures per hour, one line per (MX, result type).
std::string failure_chart(const RunView& view) {
  const auto& s = view.scenario;
  const int hours = s.days * 24;
  const UnixTime first_hour = s.start - s.start % 3600;
  std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> series;
  std::int64_t peak = 1;
  for (const auto& [key, count] : view.run.hourly_failures) {
    const auto& [hour, mx, type] = key;
    const auto index = (hour - first_hour) / 3600;
    if (index < 0 || index >= hours) continue;
    auto& values = series[{mx, type}];
    values.resize(static_cast<std::size_t>(hours));
    values[static_cast<std::size_t>(index)] += count;
    peak = std::max(peak, values[static_cast<std::size_t>(index)]);
  }
  const int width = 760, height = 240, left = 50, bottom = 30, top = 10;
  const double dx = static_cast<double>(width - left - 10) / std::max(1, hours - 1);
  const double dy = static_cast<double>(height - bottom - top) / static_cast<double>(peak);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" role=\"img\" aria-label=\"failed sessions per hour\">\n";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(height - bottom) + "\" x2=\"" +
         std::to_string(width - 10) + "\" y2=\"" + std::to_string(height - bottom) + "\" stroke=\"#888\"/>\n";
  svg += "<text x=\"4\" y=\"" + std::to_string(top + 10) + "\" font-size=\"11\">" + thousands(peak) + "/h</text>\n";
  for (int h = 0; h < hours; h += std::max(1, hours / 8)) {
    const double x = left + dx * h;
    svg += "<text x=\"" + std::to_string(static_cast<int>(x)) + "\" y=\"" + std::to_string(height - 10) +
           "\" font-size=\"11\">" + escape(format_rfc3339(first_hour + h * 3600).substr(5, 11)) + "</text>\n";
  }
  std::size_t colour = 0;
  std::string legend;
  for (const auto& [name, values] : series) {
    const char* stroke = palette[colour++ % std::size(palette)];
    std::string points;
    for (int h = 0; h < hours; ++h) {
      const double x = left + dx * h;
      const double y = height - bottom - dy * static_cast<double>(values[static_cast<std::size_t>(h)]);
      points += std::to_string(x) + "," + std::to_string(y) + " ";
    }
    svg += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + std::string(stroke) + "\" points=\"" + points + "\"/>\n";
    legend += "<li><span style=\"color:" + std::string(stroke) + "\">&#9632;</span> " + escape(name.second) + " at " +
              escape(name.first.empty() ? "(policy)" : name.first) + "</li>\n";
  }
  svg += "</svg>\n";
  if (series.empty()) return "<p>No failed sessions.</p>\n";
  return svg + "<ul class=\"legend\">\n" + legend + "</ul>\n";
}

}  // namespace

std::string html_page(const RunView& view) {
  const auto& s = view.scenario;
  const int code = exit_code(view.run, view.cases);
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(s.id) +
      "</title>\n<style>\nbody{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
      ".pass{color:#2ca02c}.fail,.error{color:#d62728}.unsupported{color:#ff7f0e}.legend{list-style:none;padding:0}"
      "pre{background:#f6f6f6;padding:.5em;overflow-x:auto}\n</style>\n</head>\n<body>\n";
  page += "<h1>" + escape(s.title) + "</h1>\n<p><code>" + escape(s.id) + "</code> &middot; seed " +
          std::to_string(s.seed) + " &middot; " + escape(format_rfc3339(s.start)) + ", " + std::to_string(s.days) +
          (s.days == 1 ? " day" : " days") + " &middot; " + thousands(view.run.total_sessions) + " sessions &middot; <strong class=\"" +
          (code == 0 ? "pass\">PASS" : code == 1 ? "fail\">FAIL" : "error\">HARNESS ERROR") + "</strong></p>\n";
  page += "<p>" + escape(s.description) + "</p>\n";
  for (const auto& u : view.run.unsupported) page += "<p class=\"unsupported\">Unsupported in this build: " + escape(u) + "</p>\n";
  if (!view.run.message.empty()) page += "<p class=\"error\">" + escape(view.run.message) + "</p>\n";
  page += "<h2>Failed sessions per hour</h2>\n" + failure_chart(view);
  page += "<h2>What broke</h2>\n<table>\n<tr><th>result type</th><th>MX</th><th>sessions</th><th>from</th><th>until</th><th>senders</th></tr>\n";
  for (const auto& b : breakages(view.run)) {
    std::string senders;
    for (const auto& name : b.senders) senders += (senders.empty() ? "" : ", ") + name;
    page += "<tr><td>" + escape(b.result_type) + "</td><td>" + escape(b.mx) + "</td><td>" + thousands(b.sessions) +
            "</td><td>" + escape(format_rfc3339(b.first)) + "</td><td>" + escape(format_rfc3339(b.last)) + "</td><td>" +
            escape(senders) + "</td></tr>\n";
  }
  page += "</table>\n<h2>Expectations</h2>\n<table>\n<tr><th>case</th><th>status</th><th>expected</th><th>measured</th><th>note</th></tr>\n";
  for (const auto& c : view.cases) {
    const std::string status(to_string(c.status));
    page += "<tr><td>" + escape(c.id) + "</td><td class=\"" + status + "\">" + status + "</td><td>" + escape(c.expected) +
            "</td><td>" + escape(c.actual) + "</td><td>" + escape(c.message) + "</td></tr>\n";
  }
  page += "</table>\n<h2>Reports that arrived</h2>\n";
  if (view.run.reports.empty()) page += "<p>None.</p>\n";
  for (const auto& r : view.run.reports) {
    page += "<h3>" + escape(r.filename) + "</h3>\n<pre>";
    for (const auto& line : explain_report(r)) page += escape(line) + "\n";
    page += "</pre>\n";
  }
  if (!view.run.transcripts.empty()) {
    page += "<h2>Transcripts of failed sessions</h2>\n<p>The first " + std::to_string(view.run.transcripts.size()) +
            " are in <code>transcripts/</code>.</p>\n";
  }
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace tlsrpt::runner
