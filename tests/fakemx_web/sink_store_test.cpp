// The sink's durable store: reopening after a clean stop, after a torn index line, and after a
// writer process is SIGKILLed mid-run. Every acknowledged report is there exactly once.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "fakemx/sink/examine.hpp"
#include "fakemx/sink/store.hpp"
#include "tests/fakemx_web/test_reports.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using namespace fakemx::sink;

Arrival arrival_of(const std::string& report_id) {
  Arrival a;
  a.transport = Transport::https;
  a.remote_ip = "127.0.0.9";
  a.raw = make_report_json(report_id);
  a.raw_extension = "json";
  a.media_type = "application/tlsrpt+json";
  a.examined = examine_report(a.raw, a.media_type, {});
  return a;
}

TEST(SinkStore, ReopensWithTheSameEntriesAndDuplicateCounts) {
  const auto dir = make_temp_dir("sink-store");
  {
    ReportStore store(dir);
    EXPECT_EQ(store.store(arrival_of("a@x")).outcome, StoreOutcome::stored);
    EXPECT_EQ(store.store(arrival_of("b@x")).outcome, StoreOutcome::stored);
    EXPECT_EQ(store.store(arrival_of("a@x")).outcome, StoreOutcome::duplicate);
  }
  ReportStore reopened(dir);
  const auto entries = reopened.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].report_id, "a@x");
  EXPECT_EQ(entries[0].duplicates, 1u);
  EXPECT_EQ(reopened.counts().duplicates, 1u);
  EXPECT_EQ(reopened.store(arrival_of("a@x")).outcome, StoreOutcome::duplicate);
  EXPECT_EQ(reopened.store(arrival_of("c@x")).entry.seq, 3u);
  EXPECT_FALSE(reopened.recovery().torn_index_line);
  fs::remove_all(dir);
}

TEST(SinkStore, TornLastIndexLineIsCutAndReconstructed) {
  const auto dir = make_temp_dir("sink-torn");
  {
    ReportStore store(dir);
    for (const char* id : {"a@x", "b@x", "c@x"}) store.store(arrival_of(id));
  }
  // Tear the last line in half, as a crash during its write would; leave a stray temp file.
  std::string index = read_file(dir / "index.jsonl");
  const auto last = index.rfind('\n', index.size() - 2);
  index.resize(last + 1 + (index.size() - last) / 2);
  write_file(dir / "index.jsonl", index);
  write_file(dir / "reports" / "00000009.json.tmp.1.2", "partial");
  write_file(dir / "reports" / "00000010.meta.json", read_file(dir / "reports" / "00000001.meta.json"));

  ReportStore reopened(dir);
  EXPECT_TRUE(reopened.recovery().torn_index_line);
  EXPECT_EQ(reopened.recovery().entries_reindexed, 1u);
  EXPECT_EQ(reopened.recovery().temp_files_removed, 1u);
  const auto entries = reopened.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].report_id, "c@x");
  EXPECT_FALSE(fs::exists(dir / "reports" / "00000009.json.tmp.1.2"));
  // The index on disk is whole again: every line parses.
  std::ifstream in(dir / "index.jsonl");
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) EXPECT_TRUE(entry_from_json(line).has_value()) << line;
  EXPECT_EQ(lines, 3);
  fs::remove_all(dir);
}

// A child process stores reports from `threads` threads and acknowledges each on a pipe after
// store() returns; it is SIGKILLed mid-run. Reopening must find every acknowledged report exactly once.
void kill_nine_rounds(int threads) {
  const auto dir = make_temp_dir("sink-kill");
  std::set<std::string> acked;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ReportStore store(dir);
      std::vector<std::thread> writers;
      for (int t = 0; t < threads; ++t)
        writers.emplace_back([&, t] {
          for (int i = 0; i < 100000; ++i) {
            const std::string id = "r" + std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(i) + "@kill.test";
            store.store(arrival_of(id));
            const std::string ack = id + "\n";  // one write() below PIPE_BUF: never interleaved
            if (write(fds[1], ack.data(), ack.size()) < 0) _exit(1);
          }
        });
      for (auto& w : writers) w.join();
      _exit(0);
    }
    close(fds[1]);
    std::string received;
    char buf[4096];
    const int kill_after = 20 + 15 * round;
    int lines = 0;
    while (lines < kill_after) {
      const ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      received.append(buf, static_cast<std::size_t>(n));
      lines = static_cast<int>(std::count(received.begin(), received.end(), '\n'));
    }
    kill(pid, SIGKILL);
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) received.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    for (std::size_t pos = 0, nl; (nl = received.find('\n', pos)) != std::string::npos; pos = nl + 1)
      acked.insert(received.substr(pos, nl - pos));
    ASSERT_GE(acked.size(), static_cast<std::size_t>(kill_after));

    ReportStore reopened(dir);
    std::multiset<std::string> ids;
    std::set<std::uint64_t> seqs;
    for (const auto& e : reopened.entries()) {
      ids.insert(e.report_id);
      EXPECT_TRUE(seqs.insert(e.seq).second) << "seq " << e.seq << " twice";
      EXPECT_EQ(read_file(dir / e.raw_path), make_report_json(e.report_id)) << e.raw_path;
    }
    for (const auto& id : acked) EXPECT_EQ(ids.count(id), 1u) << id << " acknowledged but not stored once";
    for (const auto& sub : {"reports", "quarantine"})
      for (const auto& f : fs::directory_iterator(dir / sub))
        EXPECT_EQ(f.path().string().find(".tmp."), std::string::npos) << f.path();
  }
  fs::remove_all(dir);
}

TEST(SinkStore, EveryAcknowledgedReportSurvivesKillNine) { kill_nine_rounds(1); }

TEST(SinkStore, EveryAcknowledgedReportSurvivesKillNineUnderGroupCommit) { kill_nine_rounds(6); }

// Eight threads store at once, each report twice: the batches keep one copy of each with its
// duplicate counted, seqs are unique and dense, and the index on disk says the same after reopening.
TEST(SinkStore, ConcurrentStoresShareBatchesAndStayExact) {
  const auto dir = make_temp_dir("sink-group");
  constexpr int kThreads = 8, kPerThread = 40;
  std::atomic<int> stored{0}, duplicates{0};
  {
    ReportStore store(dir);
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t)
      writers.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          // Thread t and thread t^1 store the same ids, so duplicates race with their originals.
          const std::string id = "g" + std::to_string(t / 2) + "-" + std::to_string(i) + "@group.test";
          const auto result = store.store(arrival_of(id));
          (result.outcome == StoreOutcome::duplicate ? duplicates : stored)++;
          EXPECT_EQ(result.entry.report_id, id);
        }
      });
    for (auto& w : writers) w.join();
    EXPECT_EQ(store.counts().stored, static_cast<std::uint64_t>(kThreads / 2 * kPerThread));
  }
  EXPECT_EQ(stored.load(), kThreads / 2 * kPerThread);
  EXPECT_EQ(duplicates.load(), kThreads / 2 * kPerThread);
  ReportStore reopened(dir);
  const auto entries = reopened.entries();
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(kThreads / 2 * kPerThread));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, i + 1);
    EXPECT_EQ(entries[i].duplicates, 1u) << entries[i].report_id;
    EXPECT_TRUE(ids.insert(entries[i].report_id).second) << entries[i].report_id;
    EXPECT_EQ(read_file(dir / entries[i].raw_path), make_report_json(entries[i].report_id));
  }
  EXPECT_EQ(reopened.counts().duplicates, static_cast<std::uint64_t>(kThreads / 2 * kPerThread));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsrpt::test
