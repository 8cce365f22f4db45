#include <nlohmann/json.hpp>

#include "core/util/datetime.hpp"
#include "sim/runner/outputs.hpp"

namespace tlsrpt::runner {

std::string result_json(const RunView& view) {
  const auto& s = view.scenario;
  nlohmann::json j;  // std::map underneath: keys come out sorted
  j["id"] = s.id;
  j["title"] = s.title;
  j["file"] = s.file;
  j["seed"] = s.seed;
  j["clock"] = {{"start", format_rfc3339(s.start)}, {"days", s.days}};
  j["status"] = to_string(view.run.status);
  j["exit_code"] = exit_code(view.run, view.cases);
  if (!view.run.message.empty()) j["message"] = view.run.message;
  j["unsupported"] = view.run.unsupported;
  j["wall_seconds"] = view.run.wall_seconds;
  j["total_sessions"] = view.run.total_sessions;
  auto& cases = j["expectations"] = nlohmann::json::array();
  for (const auto& c : view.cases)
    cases.push_back({{"id", c.id}, {"status", to_string(c.status)}, {"expected", c.expected}, {"actual", c.actual},
                     {"message", c.message}});
  auto& sessions = j["sessions"] = nlohmann::json::array();
  for (const auto& [key, tally] : view.run.sessions)
    sessions.push_back({{"day", key.day},
                        {"sender", key.sender},
                        {"mx", key.mx},
                        {"policy_type", key.policy_type},
                        {"result_type", key.result_type.empty() ? "success" : key.result_type},
                        {"count", tally.count},
                        {"first", format_rfc3339(tally.first)},
                        {"last", format_rfc3339(tally.last)}});
  auto& reports = j["reports"] = nlohmann::json::array();
  for (const auto& r : view.run.reports) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : r.findings) findings.push_back({{"where", f.where}, {"rule", f.rule}, {"message", f.message}});
    reports.push_back({{"sender", r.sender}, {"rua", r.rua}, {"filename", r.filename}, {"day", r.day},
                       {"valid_strict", r.valid_strict}, {"findings", findings}});
  }
  return j.dump(2) + "\n";
}

}  // namespace tlsrpt::runner
