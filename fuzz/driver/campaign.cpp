#include "fuzz/driver/campaign.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "fuzz/driver/crash_text.hpp"
#include "fuzz/driver/our_verdict.hpp"

namespace tlsrpt::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

// The target's own observation, then the oracle's comparison with our validator.
Observation observe(Target& target, const Input& input, bool oracle, OurVerdict* ours) {
  auto o = target.run(input);
  if (o.finding != FindingClass::none || !oracle || o.verdict == TargetVerdict::unknown) return o;
  auto v = our_verdict(input.bytes);
  if (v.expected == Expected::valid && o.verdict == TargetVerdict::reject) {
    const auto line = message_line(o.detail);
    o.finding = FindingClass::verdict_mismatch;
    o.signature = "valid-rejected|" + normalize_for_signature(line);
    o.summary = "rejected a valid report" + (line.empty() ? "" : ": " + line);
  } else if (v.expected == Expected::invalid && o.verdict == TargetVerdict::accept) {
    o.finding = FindingClass::verdict_mismatch;
    o.signature = "invalid-accepted|" + v.first_error;
    o.summary = "accepted an invalid report (" + v.first_error + ")";
  }
  if (ours) *ours = std::move(v);
  return o;
}

struct State {
  const CampaignOptions& options;
  FindingStore store;
  std::atomic<std::uint64_t> next;
  std::uint64_t end;
  Clock::time_point start = Clock::now(), deadline;
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::mutex mutex;
  std::condition_variable finished;
  std::map<std::string, std::size_t> mutator_hits, our_verdicts;
  std::string harness_error;
  bool target_died = false;

  State(const CampaignOptions& o, std::uint64_t first)
      : options(o), store(o.out_dir), next(first), end(first + o.max_cases), deadline(start + o.max_time) {}
};

void save_finding(State& s, Target& target, const Case& c, const CaseSource& source, const Observation& found) {
  const Input original{c.bytes, c.extension, c.media_type};
  std::string last_output = found.detail;
  const auto reproduces = [&](const std::string& candidate) {
    if (s.stop && Clock::now() > s.deadline + s.options.minimize_budget.max_time) return false;
    const auto o = observe(target, Input{candidate, c.extension, c.media_type}, s.options.oracle, nullptr);
    if (o.finding != found.finding || o.signature != found.signature) return false;
    last_output = o.detail;
    return true;
  };
  Reproducer r;
  r.original = c.bytes;
  const bool can_minimize = s.options.minimize && found.finding != FindingClass::dead;
  r.minimized = can_minimize ? minimize(c.bytes, reproduces, s.options.minimize_budget).bytes : c.bytes;
  r.extension = c.extension;
  r.repro_line = target.repro_line("input" + c.extension, original);
  r.chain_json = chain_json(s.options.inputs.seed, c.index, source.origin(c), c.steps);
  const auto verdict = our_verdict(r.minimized);
  r.verdict_json = verdict_json(verdict);
  r.expected = std::string(to_string(verdict.expected));
  r.output = last_output;
  s.store.save(found, r);
}

void worker(State& s, const TargetMaker& make_target) {
  try {
    auto target = make_target();
    CaseSource source(s.options.inputs);
    std::uint64_t since_probe = 0;
    std::map<std::string, std::size_t> verdicts;
    while (!s.stop) {
      const auto index = s.next++;
      if (index >= s.end || Clock::now() >= s.deadline) break;
      const auto c = source.make(index);
      if (!c.steps.empty()) {
        std::lock_guard lock(s.mutex);
        for (const auto& step : c.steps)
          if (step.applied) ++s.mutator_hits[step.mutator.substr(0, step.mutator.find('='))];
      }
      OurVerdict ours;
      ours.expected = Expected::invalid;
      auto o = observe(*target, Input{c.bytes, c.extension, c.media_type}, s.options.oracle, &ours);
      if (s.options.oracle && o.verdict != TargetVerdict::unknown) ++verdicts[std::string(to_string(ours.expected))];
      bool trouble = o.finding == FindingClass::hang || o.finding == FindingClass::reset ||
                     o.finding == FindingClass::server_error;
      if (o.finding != FindingClass::none && s.store.record(o, index)) save_finding(s, *target, c, source, o);
      if (s.options.probe_every && ++since_probe >= s.options.probe_every) {
        since_probe = 0;
        trouble = true;
      }
      if (trouble && !target->alive()) {
        Observation dead;
        dead.finding = FindingClass::dead;
        dead.signature = "dead";
        dead.summary = fmt::format("the target stopped answering its liveness probe after case {}", index);
        if (s.store.record(dead, index)) save_finding(s, *target, c, source, dead);
        std::lock_guard lock(s.mutex);
        s.target_died = true;
        s.stop = true;
      }
      ++s.done;
    }
    std::lock_guard lock(s.mutex);
    for (const auto& [k, v] : verdicts) s.our_verdicts[k] += v;
  } catch (const std::exception& e) {
    std::lock_guard lock(s.mutex);
    if (s.harness_error.empty()) s.harness_error = e.what();
    s.stop = true;
  }
}

// Called with s.mutex held.
void live_line(const State& s, std::size_t catalogue) {
  const double secs = std::chrono::duration<double>(Clock::now() - s.start).count();
  const auto done = s.done.load();
  std::string classes;
  for (const auto& [name, n] : s.store.by_class()) classes += fmt::format(" {} {}", name, n);
  if (classes.empty()) classes = " none";
  std::fprintf(stderr, "\r\033[K[fuzz] %llu cases  %.0f exec/s  findings:%s  mutators %zu/%zu",
               static_cast<unsigned long long>(done), secs > 0 ? static_cast<double>(done) / secs : 0.0,
               classes.c_str(), s.mutator_hits.size(), catalogue);
  std::fflush(stderr);
}

std::filesystem::path state_file(const CampaignOptions& o) { return std::filesystem::path(o.out_dir) / "state.json"; }

std::uint64_t resume_point(const CampaignOptions& o) {
  if (!o.resume) return 0;
  std::ifstream in(state_file(o));
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return 0;
  if (j.value("seed", std::uint64_t{0}) != o.inputs.seed)
    throw std::invalid_argument("--resume: the previous run in this directory used seed " +
                                std::to_string(j.value("seed", std::uint64_t{0})));
  return j.value("next-case", std::uint64_t{0});
}

}  // namespace

CampaignResult run_campaign(const CampaignOptions& options, const TargetMaker& make_target) {
  std::filesystem::create_directories(options.out_dir);
  const auto first = resume_point(options);
  State s(options, first);
  const auto catalogue = gen::mut::mutators().size();

  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(1, options.jobs); ++i) workers.emplace_back([&] { worker(s, make_target); });
  std::thread ticker;
  std::atomic<bool> workers_done{false};
  if (options.live)
    ticker = std::thread([&] {
      std::unique_lock lock(s.mutex);
      while (!workers_done) {
        s.finished.wait_for(lock, std::chrono::seconds(1));
        live_line(s, catalogue);
      }
    });
  for (auto& w : workers) w.join();
  {
    std::lock_guard lock(s.mutex);
    workers_done = true;
  }
  s.finished.notify_all();
  if (ticker.joinable()) {
    ticker.join();
    std::fputc('\n', stderr);
  }

  CampaignResult r;
  r.first_case = first;
  r.cases = s.done;
  r.seconds = std::chrono::duration<double>(Clock::now() - s.start).count();
  r.mutator_hits = s.mutator_hits;
  r.our_verdicts = s.our_verdicts;
  r.target_died = s.target_died;
  r.harness_error = s.harness_error;
  s.store.write_counts();
  r.findings = s.store.snapshot();
  r.by_class = s.store.by_class();
  std::ofstream state(state_file(options));
  state << nlohmann::json{{"seed", options.inputs.seed}, {"next-case", std::min(s.next.load(), s.end)}}.dump() << '\n';
  return r;
}

std::string summary_text(const CampaignResult& r, const std::string& target) {
  std::string out = fmt::format("tlsrpt-lab fuzz: {}\n", target);
  out += fmt::format("cases {}..{} ({}) in {:.1f} s, {:.0f} exec/s; mutators applied: {} of {}\n", r.first_case,
                     r.first_case + r.cases, r.cases, r.seconds, r.seconds > 0 ? r.cases / r.seconds : 0.0,
                     r.mutator_hits.size(), gen::mut::mutators().size());
  if (!r.our_verdicts.empty()) {
    out += "our verdicts on the cases the target judged:";
    for (const auto& [k, v] : r.our_verdicts) out += fmt::format(" {} {}", k, v);
    out += '\n';
  }
  if (r.findings.empty()) return out + "no findings\n";
  out += fmt::format("\n{:<17} {:<11} {:>6} {:>17}  {}\n", "class", "id", "hits", "bytes (min/orig)", "summary");
  for (const auto& f : r.findings)
    out += fmt::format("{:<17} {:<11} {:>6} {:>17}  {}\n", to_string(f.finding), f.id, f.hits,
                       fmt::format("{}/{}", f.minimized_size, f.original_size), f.summary);
  out += fmt::format("\n{} finding(s); reproducers under findings/<class>/<id>/ (repro.sh replays one)\n",
                     r.findings.size());
  if (r.target_died) out += "the target died during the run (class dead)\n";
  return out;
}

std::string summary_json(const CampaignResult& r, const CampaignOptions& options, const std::string& target) {
  nlohmann::json j;
  j["target"] = target;
  j["seed"] = options.inputs.seed;
  j["first-case"] = r.first_case;
  j["cases"] = r.cases;
  j["seconds"] = r.seconds;
  j["execs-per-second"] = r.seconds > 0 ? static_cast<double>(r.cases) / r.seconds : 0.0;
  j["mutators"] = r.mutator_hits;
  j["our-verdicts"] = r.our_verdicts;
  j["by-class"] = r.by_class;
  j["target-died"] = r.target_died;
  j["out"] = options.out_dir;
  auto& list = j["findings"] = nlohmann::json::array();
  for (const auto& f : r.findings)
    list.push_back({{"class", to_string(f.finding)},
                    {"id", f.id},
                    {"hits", f.hits},
                    {"signature", f.signature},
                    {"summary", f.summary},
                    {"first-case", f.first_case},
                    {"original-size", f.original_size},
                    {"minimized-size", f.minimized_size},
                    {"expected", f.expected},
                    {"path", f.path}});
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace tlsrpt::fuzz
