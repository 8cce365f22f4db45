#include "generators/load/ledger.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "generators/output/report_json.hpp"

namespace tlsrpt::gen::load {

Ledger::Ledger(const std::string& path) {
  if (path.empty()) return;
  out_.open(path, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::invalid_argument("cannot write the ledger " + path);
  enabled_ = true;
}

void Ledger::write(const LedgerEntry& e) {
  if (!enabled_) return;
  const auto line = ledger_line(e);
  std::lock_guard lock(mu_);
  out_ << line;
}

void Ledger::flush() {
  std::lock_guard lock(mu_);
  if (enabled_) out_.flush();
}

std::string ledger_line(const LedgerEntry& e) {
  std::string out = fmt::format("{{\"seq\":{},\"index\":{},\"report-id\":", e.seq, e.index);
  append_json_string(out, e.report_id);
  out += ",\"path\":";
  append_json_string(out, e.path);
  out += fmt::format(",\"accepted\":{},\"status\":{},\"latency_ms\":{:.3f}", e.outcome.accepted ? "true" : "false",
                     e.outcome.status, static_cast<double>(e.outcome.latency.count()) / 1e6);
  out += ",\"response\":";
  append_json_string(out, e.response.substr(0, 200));
  if (!e.outcome.error.empty()) {
    out += ",\"error\":";
    append_json_string(out, e.outcome.error);
  }
  out += "}\n";
  return out;
}

}  // namespace tlsrpt::gen::load
