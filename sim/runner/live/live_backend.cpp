// The live backend: the World's fakes plus one simulated sending MTA (sim/mta Sender) per
// scenario sender, talking to them over loopback. Sessions, reports and their delivery are
// real; what reached the sink is read back from it and validated as a receiver would.
#include <unistd.h>

#include <fstream>
#include <mutex>

#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"
#include "core/util/datetime.hpp"
#include "core/util/rng.hpp"
#include "sim/mta/sender.hpp"
#include "sim/runner/backend.hpp"
#include "sim/runner/live/world.hpp"

namespace tlsrpt::runner {
namespace {

sim::SenderMode mode_of(scenario::SenderMode mode) {
  switch (mode) {
    case scenario::SenderMode::mta_sts: return sim::SenderMode::mta_sts;
    case scenario::SenderMode::dane: return sim::SenderMode::dane;
    case scenario::SenderMode::both: return sim::SenderMode::both;
    case scenario::SenderMode::opportunistic: return sim::SenderMode::opportunistic;
  }
  return sim::SenderMode::mta_sts;
}

std::string transcript_text(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

struct Pending {
  std::size_t sender;
  sim::PackagedReport report;
  UnixTime retry_at;
};

class LiveBackend : public Backend {
 public:
  LiveBackend(const scenario::Scenario& s, const std::filesystem::path& dir) : s_(s), dir_(dir), world_(s, dir) {
    const Rng root(s.seed);
    for (std::size_t i = 0; i < s.senders.size(); ++i) {
      const auto& spec = s.senders[i];
      sim::SenderConfig config;
      const std::string domain = world_.sender_domain(i);
      config.identity = {spec.org, "tlsrpt@" + domain, domain};
      config.mode = mode_of(spec.mode);
      config.dane_required = spec.personality == "dane-mandatory";
      const std::string personality = spec.personality == "rfc" || spec.personality == "dane-mandatory" ? "strict" : spec.personality;
      config.personality = sim::personality_by_name(personality).value_or(sim::Personality{});
      config.seed = root.fork("sender:" + spec.org).next();
      config.source_address = spec.ips.empty() ? world_.sender_address(i) : spec.ips.front();
      config.dns_server = world_.dns_address();
      config.dns_port = world_.dns_port();
      config.trust_anchors = world_.trust_anchors();
      config.ca_file = world_.ca_file();
      config.dkim_private_key_pem = world_.dkim_private_key(i);
      config.smtp_port_for = [this](const std::string& ip) { return world_.smtp_port_for(ip); };
      config.https_port_for = [this](const std::string& ip) { return world_.https_port_for(ip); };
      config.step_timeout = std::chrono::milliseconds(5000);
      senders_.push_back(std::make_unique<Slot>(sim::Sender(std::move(config))));
    }
  }

  void apply(const WorldState& state, UnixTime at) override {
    if (first_) {
      first_ = false;
      // Senders with a cached policy fetched it while the policy host still worked: warm them up
      // in a world without the host fault, then bring the fault in.
      WorldState before = state;
      before.policy.host_fault = "none";
      world_.apply(before, at);
      warm_caches(at);
    }
    world_.apply(state, at);
    retry_due(at);
  }

  SessionOutcome run_session(const PlannedSession& p) override {
    return outcome_of(p, senders_[p.sender]->sender.run_session(s_.domain, p.at));
  }

  void end_of_day(int day, UnixTime at, Recorder& recorder) override {
    const std::int64_t utc_day = sim::utc_day(at - 1);
    for (std::size_t i = 0; i < senders_.size(); ++i) {
      std::vector<sim::PackagedReport> reports;
      {
        const std::lock_guard lock(senders_[i]->mutex);
        reports = senders_[i]->sender.end_of_day(utc_day, at);
      }
      for (auto& r : reports) deliver(i, std::move(r), at);
    }
    (void)day;
    collect(recorder);
  }

  void finish(UnixTime at, Recorder& recorder) override {
    // Retry until nothing is pending or the senders give up (bounded by the senders' backoff).
    for (int round = 0; round < 32 && !pending_.empty(); ++round) {
      UnixTime next = at;
      for (const auto& p : pending_) next = std::max(next, p.retry_at);
      retry_due(next);
      at = next;
    }
    collect(recorder);
  }

 private:
  struct Slot {
    explicit Slot(sim::Sender s) : sender(std::move(s)) {}
    sim::Sender sender;
    std::mutex mutex;
  };

  // Senders that already know the policy fetched it just as the run started (RFC 8461 §3.3
  // cache): it stays valid for max_age from then. No session has run yet, so the warm-up session
  // is the only thing in the aggregate to drop.
  void warm_caches(UnixTime at) {
    for (std::size_t i = 0; i < s_.senders.size(); ++i) {
      if (!s_.senders[i].cached_policy) continue;
      const std::lock_guard lock(senders_[i]->mutex);
      senders_[i]->sender.run_session(s_.domain, at);
      senders_[i]->sender.aggregator().drop_day(sim::utc_day(at));
    }
  }

  SessionOutcome outcome_of(const PlannedSession& p, const sim::SessionOutcome& o) const {
    SessionOutcome out;
    out.at = p.at;
    out.day = static_cast<int>((p.at - day_zero()) / 86400) + 1;
    out.sender = s_.senders[p.sender].org;
    out.delivered = o.delivered;
    out.deferred = o.deferred;
    // The first attempt that failed is the session's story; otherwise the one that delivered.
    const sim::MxAttempt* chosen = nullptr;
    for (const auto& a : o.attempts)
      if (a.result) {
        chosen = &a;
        break;
      }
    if (!chosen && !o.attempts.empty()) chosen = &o.attempts.back();
    if (chosen) {
      out.mx = chosen->mx_host;
      out.policy_type = chosen->policy;
      if (chosen->result) {
        out.result_type = std::string(to_string(*chosen->result));
        out.transcript = transcript_text(chosen->transcript);
      }
    }
    if (out.result_type.empty() && o.result) {
      out.result_type = std::string(to_string(*o.result));
      if (out.transcript.empty()) out.transcript = o.note + "\n";
    }
    if (out.policy_type.empty()) out.policy_type = "no-policy-found";
    return out;
  }

  UnixTime day_zero() const { return s_.start - ((s_.start % 86400) + 86400) % 86400; }

  void deliver(std::size_t sender, sim::PackagedReport report, UnixTime at) {
    sim::DeliveryOutcome d;
    {
      const std::lock_guard lock(senders_[sender]->mutex);
      d = senders_[sender]->sender.deliver(report, at);
    }
    if (!d.delivered && !d.gave_up && d.retry_at) pending_.push_back({sender, std::move(report), *d.retry_at});
  }

  void retry_due(UnixTime at) {
    std::vector<Pending> due;
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->retry_at <= at) {
        due.push_back(std::move(*it));
        it = pending_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& p : due) deliver(p.sender, std::move(p.report), std::max(at, p.retry_at));
  }

  // What reached the sink since the last call, read back and validated as a receiver would.
  void collect(Recorder& recorder) {
    for (const auto& entry : world_.sink().entries()) {
      if (entry.seq <= last_seq_ && seen_any_) continue;
      seen_any_ = true;
      last_seq_ = std::max(last_seq_, entry.seq);
      ArrivedReport arrived;
      const std::string raw = read_raw(entry.raw_path);
      std::string payload = raw;
      if (entry.transport == fakemx::sink::Transport::smtp) {
        arrived.eml = raw;
        Findings mail_findings;
        if (auto mail = parse_report_email(raw, mail_findings)) {
          payload = mail->report_bytes;
          arrived.filename = mail->filename;
        }
      }
      arrived.rua = rua_for(entry);
      arrived.gzip = payload;
      std::string json = payload;
      if (looks_gzipped(payload)) {
        const auto inflated = gunzip_capped(payload);
        json = inflated.data;
      }
      auto parsed = parse_report(json, Profile::strict);
      arrived.valid_strict = parsed.valid() && entry.verdict == fakemx::sink::Verdict::valid;
      arrived.findings = parsed.findings;
      // Report mail must carry a DKIM signature that verifies against the sender's key in the
      // scenario's DNS (RFC 8460 §3): a receiver drops it otherwise.
      if (entry.transport == fakemx::sink::Transport::smtp && !(entry.dkim && entry.dkim->rfind("pass", 0) == 0)) {
        arrived.valid_strict = false;
        arrived.findings.push_back({Severity::error, "email:header/DKIM-Signature", "8460-3-dkim-signature",
                                    "The report mail did not pass DKIM at the sink: " + entry.dkim.value_or("not checked")});
      }
      arrived.report = parsed.report;
      if (parsed.report) {
        arrived.sender = parsed.report->organization_name.value_or("");
        if (const auto start = parse_rfc3339(parsed.report->date_range.start_datetime))
          arrived.day = static_cast<int>((start->epoch_seconds - day_zero()) / 86400) + 1;
      }
      if (arrived.filename.empty()) arrived.filename = "report-" + std::to_string(entry.seq) + ".json.gz";
      recorder.record_report(std::move(arrived));
    }
  }

  std::string rua_for(const fakemx::sink::SinkEntry& entry) const {
    // The published rua of the matching scheme: the sink is the only report destination.
    const std::string scheme = entry.transport == fakemx::sink::Transport::smtp ? "mailto:" : "https:";
    for (const auto& record : s_.tlsrpt) {
      const auto at = record.find(scheme);
      if (at == std::string::npos) continue;
      const auto end = record.find_first_of(",; ", at);
      return record.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
    return scheme;
  }

  std::string read_raw(const std::string& relative) {
    std::ifstream in(world_.sink().config().dir / relative, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  // Removes the run's working directory (keys, sink store) after the world has stopped.
  struct WorkDir {
    std::filesystem::path path;
    ~WorkDir() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };

  const scenario::Scenario& s_;
  WorkDir dir_;
  World world_;
  std::vector<std::unique_ptr<Slot>> senders_;
  std::vector<Pending> pending_;
  bool first_ = true;
  bool seen_any_ = false;
  std::uint64_t last_seq_ = 0;
};

}  // namespace

BackendChoice make_live_backend(const scenario::Scenario& s) {
  BackendChoice choice;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tlsrpt-lab-run-" + std::to_string(getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&s)));
  choice.backend = std::make_unique<LiveBackend>(s, dir);
  return choice;
}

}  // namespace tlsrpt::runner
