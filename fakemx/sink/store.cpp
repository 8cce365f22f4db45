#include "fakemx/sink/store.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/util/datetime.hpp"

namespace tlsrpt::fakemx::sink {

namespace fs = std::filesystem;

namespace {

constexpr const char* kIndex = "index.jsonl";
constexpr const char* kMetaSuffix = ".meta.json";

std::string seq_name(std::uint64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(seq));
  return buf;
}

std::string now_rfc3339() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return format_rfc3339(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ReportStore::ReportStore(fs::path dir) : dir_(std::move(dir)) {
  fs::create_directories(dir_ / "reports");
  fs::create_directories(dir_ / "quarantine");
  recover();
}

void ReportStore::remember(SinkEntry entry) {
  next_seq_ = std::max(next_seq_, entry.seq + 1);
  if (entry.verdict == Verdict::valid) ++counts_.stored; else ++counts_.quarantined;
  if (!entry.report_id.empty()) by_key_.emplace(dedup_key(entry), entry.seq);
  by_seq_[entry.seq] = entries_.size();
  entries_.push_back(std::move(entry));
}

void ReportStore::recover() {
  std::string torn;
  index_ = std::make_unique<AppendLog>(dir_ / kIndex, &torn);
  recovery_.torn_index_line = !torn.empty();

  std::ifstream in(dir_ / kIndex);
  for (std::string line; std::getline(in, line);) {
    if (auto entry = entry_from_json(line)) {
      if (!by_seq_.count(entry->seq)) remember(std::move(*entry));
    } else if (auto dup = duplicate_from_json(line)) {
      if (auto it = by_seq_.find(dup->of); it != by_seq_.end()) {
        ++entries_[it->second].duplicates;
        ++counts_.duplicates;
      }
    }
  }

  // Files complete on disk but missing from the index: the crash came between the report's
  // rename and the index append. Their meta file holds the entry; a meta file without its report
  // was never acknowledged and goes.
  std::map<std::uint64_t, SinkEntry> missing;
  for (const char* sub : {"reports", "quarantine"}) {
    for (const auto& file : fs::directory_iterator(dir_ / sub)) {
      const std::string name = file.path().filename().string();
      if (name.find(".tmp.") != std::string::npos) {
        fs::remove(file.path());
        ++recovery_.temp_files_removed;
        continue;
      }
      if (!ends_with(name, kMetaSuffix)) continue;
      auto entry = entry_from_json(read_file(file.path()));
      if (!entry) continue;
      next_seq_ = std::max(next_seq_, entry->seq + 1);
      if (by_seq_.count(entry->seq)) continue;
      if (fs::exists(dir_ / entry->raw_path)) {
        missing.emplace(entry->seq, std::move(*entry));
      } else {
        fs::remove(file.path());
        ++recovery_.unacknowledged_dropped;
      }
    }
  }
  for (auto& [seq, entry] : missing) {
    index_->append(entry_to_json(entry));
    remember(std::move(entry));
    ++recovery_.entries_reindexed;
  }
}

StoreResult ReportStore::store(Arrival arrival) {
  SinkEntry entry;
  entry.received_at = now_rfc3339();
  entry.transport = arrival.transport;
  entry.remote_ip = arrival.remote_ip;
  entry.submitter = arrival.submitter;
  entry.media_type = arrival.media_type;
  entry.dkim = arrival.dkim;
  entry.verdict = arrival.examined.verdict;
  entry.findings = std::move(arrival.examined.findings);
  if (arrival.examined.report) summarise(*arrival.examined.report, entry);

  std::lock_guard lock(mutex_);
  if (!entry.report_id.empty()) {
    if (auto it = by_key_.find(dedup_key(entry)); it != by_key_.end()) {
      index_->append(duplicate_to_json({it->second, entry.received_at, entry.transport, entry.remote_ip}));
      SinkEntry& original = entries_[by_seq_.at(it->second)];
      ++original.duplicates;
      ++counts_.duplicates;
      return {StoreOutcome::duplicate, original};
    }
  }
  entry.seq = next_seq_++;
  const bool valid = entry.verdict == Verdict::valid;
  const std::string base = std::string(valid ? "reports/" : "quarantine/") + seq_name(entry.seq);
  entry.raw_path = base + "." + (arrival.raw_extension.empty() ? "bin" : arrival.raw_extension);
  const std::string line = entry_to_json(entry);
  write_file_durably(dir_ / (base + kMetaSuffix), line);
  write_file_durably(dir_ / entry.raw_path, arrival.raw);
  index_->append(line);
  remember(entry);
  return {valid ? StoreOutcome::stored : StoreOutcome::quarantined, std::move(entry)};
}

std::vector<SinkEntry> ReportStore::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

std::optional<SinkEntry> ReportStore::find(const std::string& report_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& e : entries_)
    if (e.report_id == report_id) return e;
  return std::nullopt;
}

StoreCounts ReportStore::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

std::string ReportStore::index_json() const {
  std::lock_guard lock(mutex_);
  std::string out = "{\"counts\":{\"stored\":" + std::to_string(counts_.stored) +
                    ",\"quarantined\":" + std::to_string(counts_.quarantined) +
                    ",\"duplicates\":" + std::to_string(counts_.duplicates) + "},\"entries\":[";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (i) out += ',';
    out += entry_to_json(entries_[i]);
  }
  // The same entries in the conformance oracle format; duplicates are counted, not stored again.
  out += "],\"reports\":[";
  bool first = true;
  for (const auto& e : entries_) {
    if (e.report_id.empty()) continue;
    if (!first) out += ',';
    first = false;
    out += entry_to_oracle_json(e);
  }
  return out + "]}\n";
}

std::string ReportStore::oracle_json(const std::string& report_id) const {
  std::lock_guard lock(mutex_);
  std::string out = "{\"reports\":[";
  bool first = true;
  for (const auto& e : entries_) {
    if (e.report_id != report_id) continue;
    if (!first) out += ',';
    first = false;
    out += entry_to_oracle_json(e);
  }
  return out + "]}\n";
}

}  // namespace tlsrpt::fakemx::sink
