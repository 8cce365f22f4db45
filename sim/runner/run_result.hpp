// What one scenario run measured, as plain data: session outcomes tallied per day / sender / MX /
// policy type / result type, deliveries, the reports that reached the sink, and transcripts of
// failed sessions. Everything the outputs show is a pure function of this.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/report/finding.hpp"
#include "core/report/model.hpp"

namespace tlsrpt::runner {

using UnixTime = std::int64_t;

// One session as the sender saw it. result_type is empty for a successful session.
struct SessionOutcome {
  UnixTime at = 0;
  int day = 1;
  std::string sender;
  std::string mx;
  std::string policy_type;  // sts | tlsa | no-policy-found
  std::string result_type;
  bool delivered = false;
  bool deferred = false;
  std::string transcript;  // kept for failed sessions only (bounded)
};

struct SessionKey {
  int day = 1;
  std::string sender;
  std::string mx;
  std::string policy_type;
  std::string result_type;
  auto operator<=>(const SessionKey&) const = default;
};

struct SessionTally {
  std::int64_t count = 0;
  UnixTime first = 0;
  UnixTime last = 0;
};

struct DeliveryTally {
  std::int64_t delivered = 0;
  std::int64_t deferred = 0;
};

struct Transcript {
  UnixTime at = 0;
  std::string sender;
  std::string mx;
  std::string result_type;
  std::string text;
};

// A report as it arrived at the sink, exactly as delivered.
struct ArrivedReport {
  std::string sender;     // organization-name
  std::string rua;        // the URI it was delivered to
  std::string filename;   // RFC 8460 §5.1 name
  std::string gzip;       // the .json.gz bytes
  std::string eml;        // the whole message (mailto: rua), empty for https
  int day = 1;
  bool valid_strict = false;
  Findings findings;
  std::optional<Report> report;
};

enum class RunStatus { completed, interrupted, unsupported, harness_error };
std::string_view to_string(RunStatus status);

struct RunResult {
  RunStatus status = RunStatus::completed;
  std::string message;                    // harness error / interruption in one sentence
  std::vector<std::string> unsupported;   // features this build cannot run, with the reason
  std::map<SessionKey, SessionTally> sessions;
  std::map<std::pair<int, std::string>, DeliveryTally> deliveries;  // (day, sender)
  std::map<std::tuple<UnixTime, std::string, std::string>, std::int64_t> hourly_failures;  // (hour, mx, type)
  std::vector<ArrivedReport> reports;
  std::vector<Transcript> transcripts;   // the earliest failed sessions in virtual time, sorted
  std::int64_t total_sessions = 0;
  double wall_seconds = 0;
};

// Thread-safe accumulation of outcomes into a RunResult.
class Recorder {
 public:
  static constexpr std::size_t max_transcripts = 200;
  explicit Recorder(RunResult& result) : result_(result) {}
  void record(const SessionOutcome& outcome);
  void record_report(ArrivedReport report);

 private:
  std::mutex mutex_;
  RunResult& result_;
};

}  // namespace tlsrpt::runner
