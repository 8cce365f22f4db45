// The ledger: one JSON line per report sent, with its report-id and the receiver's answer, so a
// receiver's store can be reconciled against what was really sent.
#pragma once

#include <cstdint>
#include <fstream>
#include <mutex>
#include <string>

#include "generators/load/stats.hpp"

namespace tlsrpt::gen::load {

struct LedgerEntry {
  std::uint64_t seq = 0;
  std::uint64_t index = 0;  // generator index (or file number)
  std::string report_id;
  std::string path;         // §5.1 name or source file
  Outcome outcome;
  std::string response;     // status line / SMTP reply / written file, shortened
};

class Ledger {
 public:
  explicit Ledger(const std::string& path);  // "" = no ledger
  void write(const LedgerEntry& e);
  void flush();

 private:
  std::mutex mu_;
  std::ofstream out_;
  bool enabled_ = false;
};

std::string ledger_line(const LedgerEntry& e);

}  // namespace tlsrpt::gen::load
