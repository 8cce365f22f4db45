#include "fakemx/sink/store.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "core/util/datetime.hpp"
#include "core/util/file_text.hpp"

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
      auto entry = entry_from_json(read_whole_file(file.path()).value_or(""));
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

// One store() call waiting for its batch.
struct ReportStore::Pending {
  SinkEntry entry;
  std::string raw;
  std::string raw_extension;
  std::optional<std::uint64_t> duplicate_of;  // set by plan()
  StoreResult result;
  std::exception_ptr error;
  bool done = false;
};

// What a leader writes for a batch, planned under the lock and written without it.
struct ReportStore::Batch {
  struct Files {
    std::string meta_path, meta, raw_path;
    const std::string* raw;
  };
  std::vector<Files> files;
  std::string index_lines;
  bool reports_dir = false, quarantine_dir = false;
};

StoreResult ReportStore::store(Arrival arrival) {
  Pending p;
  SinkEntry& entry = p.entry;
  entry.received_at = now_rfc3339();
  entry.transport = arrival.transport;
  entry.remote_ip = arrival.remote_ip;
  entry.submitter = arrival.submitter;
  entry.media_type = arrival.media_type;
  entry.dkim = arrival.dkim;
  entry.verdict = arrival.examined.verdict;
  entry.findings = std::move(arrival.examined.findings);
  if (arrival.examined.report) summarise(*arrival.examined.report, entry);
  p.raw = std::move(arrival.raw);
  p.raw_extension = arrival.raw_extension.empty() ? "bin" : std::move(arrival.raw_extension);

  // Leader/follower: whoever finds no batch in progress writes everything queued so far.
  std::unique_lock lock(mutex_);
  queue_.push_back(&p);
  while (!p.done) {
    if (committing_) committed_.wait(lock);
    else commit_one_batch(lock);
  }
  if (p.error) std::rethrow_exception(p.error);
  return std::move(p.result);
}

void ReportStore::commit_one_batch(std::unique_lock<std::mutex>& lock) {
  committing_ = true;
  std::vector<Pending*> batch;
  batch.swap(queue_);
  std::exception_ptr error;
  try {
    const Batch planned = plan(batch);
    lock.unlock();
    try {
      write(planned);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
  } catch (...) {
    error = std::current_exception();
  }
  finish(batch, error);
  committing_ = false;
  committed_.notify_all();
}

ReportStore::Batch ReportStore::plan(const std::vector<Pending*>& pending) {
  Batch batch;
  std::map<std::string, std::uint64_t> in_batch;  // first arrivals of this batch, by dedup key
  for (Pending* p : pending) {
    SinkEntry& entry = p->entry;
    if (!entry.report_id.empty()) {
      const auto key = dedup_key(entry);
      if (auto it = by_key_.find(key); it != by_key_.end()) p->duplicate_of = it->second;
      else if (auto in = in_batch.find(key); in != in_batch.end()) p->duplicate_of = in->second;
      if (p->duplicate_of) {
        batch.index_lines +=
            duplicate_to_json({*p->duplicate_of, entry.received_at, entry.transport, entry.remote_ip});
        batch.index_lines += '\n';
        continue;
      }
      in_batch.emplace(key, next_seq_);
    }
    entry.seq = next_seq_++;
    const bool valid = entry.verdict == Verdict::valid;
    (valid ? batch.reports_dir : batch.quarantine_dir) = true;
    const std::string base = std::string(valid ? "reports/" : "quarantine/") + seq_name(entry.seq);
    entry.raw_path = base + "." + p->raw_extension;
    std::string line = entry_to_json(entry);
    batch.index_lines += line;
    batch.index_lines += '\n';
    batch.files.push_back({base + kMetaSuffix, std::move(line), entry.raw_path, &p->raw});
  }
  return batch;
}

void ReportStore::write(const Batch& batch) {
  // Data first, then the names (one directory fsync each), then the index lines (one fsync). The
  // meta file needs no fsync of its own: once the index line is on disk it says the same.
  for (const auto& f : batch.files) {
    replace_file(dir_ / f.meta_path, f.meta, false);
    replace_file(dir_ / f.raw_path, *f.raw, true);
  }
  if (batch.reports_dir) sync_directory(dir_ / "reports");
  if (batch.quarantine_dir) sync_directory(dir_ / "quarantine");
  if (!batch.index_lines.empty()) index_->append_lines(batch.index_lines);
}

void ReportStore::finish(const std::vector<Pending*>& batch, const std::exception_ptr& error) {
  for (Pending* p : batch) {
    p->done = true;
    if (error) {
      p->error = error;
    } else if (p->duplicate_of) {
      SinkEntry& original = entries_[by_seq_.at(*p->duplicate_of)];
      ++original.duplicates;
      ++counts_.duplicates;
      p->result = {StoreOutcome::duplicate, original};
    } else {
      remember(p->entry);
      const bool valid = p->entry.verdict == Verdict::valid;
      p->result = {valid ? StoreOutcome::stored : StoreOutcome::quarantined, std::move(p->entry)};
    }
  }
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
