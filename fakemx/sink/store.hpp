// The sink's durable store. A report is on disk before store() returns (and so before the
// intake acknowledges it): reports/<seq>.<ext> for valid reports, quarantine/<seq>.<ext> for the
// rest, each with <seq>.meta.json (its index entry, written first), and index.jsonl listing every
// arrival. Opening the store repairs it after a crash: temp files are removed, a torn last index
// line is cut off, and entries whose files are complete but missing from the index are re-added.
// Group commit: reports stored by several threads at once are written as one batch by one of
// them, and one directory fsync and one index fsync cover the whole batch before any of those
// store() calls returns.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fakemx/sink/durable_file.hpp"
#include "fakemx/sink/entry.hpp"
#include "fakemx/sink/examine.hpp"

namespace tlsrpt::fakemx::sink {

// One delivery as received, with what the intake made of it.
struct Arrival {
  Transport transport = Transport::https;
  std::string remote_ip;
  std::string raw;            // exactly the bytes received (HTTP body or whole message)
  std::string raw_extension;  // "json", "json.gz", "eml", "bin"
  std::string media_type;
  std::string submitter;      // known from the transport ("" = take the report's organization-name)
  std::optional<std::string> dkim;
  Examined examined;
};

enum class StoreOutcome { stored, duplicate, quarantined };

struct StoreResult {
  StoreOutcome outcome = StoreOutcome::stored;
  SinkEntry entry;  // for a duplicate: the original's entry
};

struct StoreCounts {
  std::uint64_t stored = 0;       // valid reports kept under reports/
  std::uint64_t quarantined = 0;  // everything else kept under quarantine/
  std::uint64_t duplicates = 0;   // arrivals recognised as repeats and only counted
};

// What opening the store had to repair.
struct Recovery {
  std::size_t temp_files_removed = 0;
  bool torn_index_line = false;
  std::size_t entries_reindexed = 0;   // complete files that were missing from the index
  std::size_t unacknowledged_dropped = 0;  // meta files without their report (never acknowledged)
};

class ReportStore {
 public:
  explicit ReportStore(std::filesystem::path dir);  // creates or recovers; throws on I/O failure

  StoreResult store(Arrival arrival);  // durable on return; throws std::runtime_error on I/O failure

  std::vector<SinkEntry> entries() const;  // in arrival order
  std::optional<SinkEntry> find(const std::string& report_id) const;
  StoreCounts counts() const;
  std::string index_json() const;  // {"counts": {...}, "entries": [...], "reports": [oracle format]}
  // {"reports": [...]}: the oracle format (docs/conformance.md) for one report-id only.
  std::string oracle_json(const std::string& report_id) const;
  const std::filesystem::path& dir() const { return dir_; }
  const Recovery& recovery() const { return recovery_; }

 private:
  struct Pending;
  struct Batch;
  void recover();
  void remember(SinkEntry entry);
  void commit_one_batch(std::unique_lock<std::mutex>& lock);
  Batch plan(const std::vector<Pending*>& batch);  // under mutex_: seqs, duplicates, paths
  void write(const Batch& batch);                  // leader only, without mutex_
  void finish(const std::vector<Pending*>& batch, const std::exception_ptr& error);  // under mutex_
  static std::string dedup_key(const SinkEntry& e) { return e.report_id + '\n' + e.submitter; }

  std::filesystem::path dir_;
  Recovery recovery_;
  mutable std::mutex mutex_;
  std::unique_ptr<AppendLog> index_;
  std::vector<SinkEntry> entries_;
  std::map<std::uint64_t, std::size_t> by_seq_;
  std::map<std::string, std::uint64_t> by_key_;
  StoreCounts counts_;
  std::uint64_t next_seq_ = 1;
  std::vector<Pending*> queue_;         // waiting for the next batch
  bool committing_ = false;             // a leader is writing a batch
  std::condition_variable committed_;   // a batch finished
};

}  // namespace tlsrpt::fakemx::sink
