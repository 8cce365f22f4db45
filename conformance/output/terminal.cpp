#include <iomanip>
#include <map>

#include "conformance/output/outputs.hpp"

namespace tlsrpt::conformance {

void print_table(std::ostream& out, const RunSummary& summary, const RunInfo& info) {
  std::map<Outcome, int> totals;
  for (Tier tier : {Tier::must, Tier::should, Tier::interop}) {
    bool header = false;
    for (const auto& r : summary.results) {
      if (r.c->tier != tier) continue;
      if (!header) {
        out << '\n' << to_string(tier) << '\n';
        header = true;
      }
      ++totals[r.outcome];
      out << "  " << std::left << std::setw(16) << to_string(r.outcome) << std::setw(48) << r.c->id;
      if (r.outcome == Outcome::pass)
        out << (r.oracle_checked ? "" : " (transport only)");
      else
        out << ' ' << r.detail;
      out << '\n';
    }
  }
  out << "\ntarget " << info.target << "; oracle " << (info.oracle.empty() ? "none" : info.oracle) << "; seed "
      << info.seed << "; " << summary.elapsed.count() << " ms\n";
  bool first = true;
  for (const auto& [outcome, n] : totals) {
    out << (first ? "" : ", ") << n << ' ' << to_string(outcome);
    first = false;
  }
  out << '\n';
  if (info.oracle.empty())
    out << "No oracle: every case was checked at the transport level only (answers and liveness), not what the "
           "receiver stored. Give --oracle-url to check the data.\n";
}

}  // namespace tlsrpt::conformance
