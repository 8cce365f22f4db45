#include <nlohmann/json.hpp>

#include <fstream>

#include "conformance/output/outputs.hpp"

namespace tlsrpt::conformance {

std::string to_json(const RunSummary& summary, const RunInfo& info) {
  nlohmann::json cases = nlohmann::json::array();
  std::map<std::string, int> totals;
  for (const auto& r : summary.results) {
    ++totals[std::string(to_string(r.outcome))];
    nlohmann::json j = {{"id", r.c->id},
                        {"tier", to_string(r.c->tier)},
                        {"requirement", r.c->requirement},
                        {"sends", r.c->sends},
                        {"expected", answers_text(r.c->expect.answers) + "; " + std::string(to_string(r.c->expect.hold))},
                        {"outcome", to_string(r.outcome)},
                        {"detail", r.detail},
                        {"answer", r.answer},
                        {"oracle-checked", r.oracle_checked},
                        {"elapsed-ms", r.elapsed.count()}};
    if (r.channel) j["channel"] = to_string(*r.channel);
    if (!r.reason.empty()) j["expect-reason"] = r.reason;
    if (!r.c->expect.alternatives.empty()) j["alternatives"] = r.c->expect.alternatives;
    cases.push_back(std::move(j));
  }
  const nlohmann::json doc = {{"seed", info.seed},
                              {"target", info.target},
                              {"oracle", info.oracle.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.oracle)},
                              {"elapsed-ms", summary.elapsed.count()},
                              {"exit-code", exit_code(summary)},
                              {"totals", totals},
                              {"cases", cases}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_transcripts(const std::filesystem::path& dir, const RunSummary& summary, const RunInfo& info) {
  std::filesystem::create_directories(dir);
  for (const auto& r : summary.results) {
    if (r.outcome == Outcome::not_run || r.outcome == Outcome::not_supported) continue;
    std::ofstream out(dir / (std::string(r.c->id) + ".txt"), std::ios::binary | std::ios::trunc);
    out << "case " << r.c->id << " (" << to_string(r.c->tier) << ")\n"
        << "requirement: " << r.c->requirement << "\n"
        << "sends: " << r.c->sends << "\n"
        << "expected: " << answers_text(r.c->expect.answers) << "; " << to_string(r.c->expect.hold) << "\n"
        << "target: " << info.target << "; seed " << info.seed << "\n"
        << "outcome: " << to_string(r.outcome) << " -- " << r.detail << "\n\n"
        << r.transcript;
    if (!out) throw std::runtime_error("cannot write transcripts under " + dir.string());
  }
}

}  // namespace tlsrpt::conformance
