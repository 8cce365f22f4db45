#include "conformance/run/runner.hpp"

#include <atomic>
#include <thread>

#include "conformance/payload/payload.hpp"
#include "conformance/run/raw_https.hpp"

namespace tlsrpt::conformance {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kSlowSpread{3000};

struct Attempt {
  std::vector<Delivery> deliveries;
  std::string problem;  // transport-level failure, in words
};

void add_problem(std::string& to, const std::string& what) { to += (to.empty() ? "" : " ") + what; }

void check_answer(const Case& c, const Delivery& d, unsigned allowed, std::string& problem) {
  if (!(d.answer & allowed))
    add_problem(problem, "answered " + d.summary + "; expected " + answers_text(allowed) + ".");
  if (c.expect.within_ms > 0 && d.elapsed.count() > c.expect.within_ms)
    add_problem(problem, "took " + std::to_string(d.elapsed.count()) + " ms to answer; expected within " +
                             std::to_string(c.expect.within_ms) + " ms.");
}

Attempt deliver_case(const Case& c, Channel channel, const std::vector<Payload>& payloads, Targets& targets) {
  Attempt a;
  const auto& cfg = targets.config();
  const auto raw_request = [&](const Payload& p) {
    return RawRequest{*cfg.https, cfg.tls, cfg.timeout, p.content_type, p.bytes};
  };
  switch (c.send.action) {
    case Action::twice: {
      a.deliveries.push_back(targets.deliver(channel, payloads.front()));
      a.deliveries.push_back(targets.deliver(channel, payloads.front()));
      check_answer(c, a.deliveries[0], c.expect.answers, a.problem);
      // The repeat may be refused as a duplicate; it must still be answered, and not by a crash.
      const unsigned repeat = channel == Channel::smtp ? (a2xx | a4xx | a5xx) : (a2xx | a4xx);
      check_answer(c, a.deliveries[1], repeat, a.problem);
      break;
    }
    case Action::concurrent_100: {
      std::vector<Delivery> out(payloads.size());
      std::vector<std::thread> threads;
      std::atomic<bool> go{false};
      for (std::size_t i = 0; i < payloads.size(); ++i)
        threads.emplace_back([&, i] {
          gen::transport::HttpsClient client(*cfg.https, cfg.tls, cfg.timeout);
          while (!go.load()) std::this_thread::yield();
          out[i] = delivery_of(client.post(payloads[i].bytes, payloads[i].content_type));
        });
      go = true;
      for (auto& t : threads) t.join();
      std::size_t bad = 0;
      for (const auto& d : out)
        if (!(d.answer & c.expect.answers)) {
          if (bad++ == 0) add_problem(a.problem, "first bad answer: " + d.summary + ".");
        }
      if (bad) add_problem(a.problem, std::to_string(bad) + " of " + std::to_string(out.size()) +
                                          " concurrent POSTs were not answered " + answers_text(c.expect.answers) + ".");
      Delivery summary;
      summary.summary = std::to_string(out.size() - bad) + " of " + std::to_string(out.size()) + " answered as expected";
      for (const auto& d : out) summary.elapsed = std::max(summary.elapsed, d.elapsed);
      summary.transcript = out.front().transcript;
      a.deliveries.push_back(summary);
      break;
    }
    case Action::slow_client: {
      Liveness meanwhile;
      a.deliveries.push_back(post_slowly(raw_request(payloads.front()), kSlowSpread, [&] { meanwhile = targets.probe(); }));
      if (!meanwhile.alive)
        add_problem(a.problem, "while one client sent slowly, another was not answered: " + meanwhile.detail + ".");
      check_answer(c, a.deliveries[0], c.expect.answers, a.problem);
      break;
    }
    case Action::drop_mid_body:
      a.deliveries.push_back(post_torn(raw_request(payloads.front())));
      break;
    default:
      a.deliveries.push_back(targets.deliver(channel, payloads.front()));
      // A drop target cannot answer; only the oracle can tell what happened.
      if (channel != Channel::drop) check_answer(c, a.deliveries[0], c.expect.answers, a.problem);
      break;
  }
  return a;
}

bool selected(const Case& c, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const auto& pattern : only)
    if (glob_match(pattern, c.id)) return true;
  return false;
}

// Asks the oracle until the judgement holds or `settle` has passed (receivers may process later).
Judgement consult(Oracle& oracle, const Case& c, const std::vector<Payload>& payloads, milliseconds settle,
                  std::string& transcript) {
  const auto deadline = Clock::now() + settle;
  std::vector<std::string> ids;
  for (const auto& p : payloads) ids.push_back(p.report_id);
  while (true) {
    const OracleView view = oracle.fetch(ids);
    Judgement j = judge_hold(c.expect.hold, payloads, view);
    if (j.ok || Clock::now() >= deadline) {
      transcript += "\n--- oracle (" + oracle.describe() + ") ---\n";
      for (const auto& p : payloads) {
        const HeldReport* h = view.find(p.report_id);
        transcript += p.report_id + ": " +
                      (h ? std::string(h->accepted ? "accepted" : "held, not accepted") + ", copies " +
                               std::to_string(h->copies)
                         : std::string("absent")) +
                      "\n";
        if (payloads.size() > 3) break;
      }
      return j;
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
}

std::string joined_answers(const Attempt& a) {
  std::string out;
  for (const auto& d : a.deliveries) out += (out.empty() ? "" : "; ") + d.summary;
  return out;
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::xfail: return "expected-fail";
    case Outcome::xpass: return "unexpected-pass";
    case Outcome::not_supported: return "not-supported";
    case Outcome::not_run: return "not-run";
    case Outcome::error: return "error";
  }
  return "error";
}

RunSummary run_suite(Targets& targets, Oracle* oracle, const ExpectFile& expect, const RunOptions& options,
                     const std::function<void(const CaseResult&)>& progress) {
  RunSummary summary;
  const auto run_start = Clock::now();
  PayloadContext context{options.seed, options.rcpt, options.dkim};
  std::string receiver_down;  // set once the receiver stops answering

  std::size_t number = 0;
  for (const Case& c : catalogue()) {
    ++number;
    if (!selected(c, options.only)) continue;
    CaseResult r;
    r.c = &c;
    const auto start = Clock::now();
    const ExpectEntry* entry = expect.match(c.id);
    if (entry) r.reason = entry->reason;
    std::string why_not;
    r.channel = targets.route(c, why_not);

    if (entry && entry->kind == Expectation::not_supported) {
      r.outcome = Outcome::not_supported;
      r.detail = entry->reason;
    } else if (!r.channel) {
      r.outcome = Outcome::not_run;
      r.detail = why_not;
    } else if (!receiver_down.empty()) {
      r.outcome = Outcome::error;
      r.blocked = true;
      r.detail = "not run: the receiver stopped answering after " + receiver_down + ".";
    } else {
      try {
        const auto payloads = build_payloads(c, number, context);
        const Attempt attempt = deliver_case(c, *r.channel, payloads, targets);
        r.answer = joined_answers(attempt);
        for (const auto& d : attempt.deliveries) r.transcript += d.transcript + "\n";
        std::string problem = attempt.problem;

        const Liveness alive = targets.probe();
        if (!alive.alive) {
          add_problem(problem, "the receiver stopped answering after this case: " + alive.detail + ".");
          receiver_down = std::string(c.id);
        }
        if (oracle && alive.alive) {
          const auto settle = *r.channel == Channel::drop ? std::max(options.settle, milliseconds(2000)) : options.settle;
          const Judgement j = consult(*oracle, c, payloads, settle, r.transcript);
          r.oracle_checked = true;
          if (!j.ok) add_problem(problem, j.detail);
        }
        if (problem.empty()) {
          r.outcome = Outcome::pass;
          r.detail = r.oracle_checked ? "answered " + r.answer + "; the oracle agrees."
                                      : "answered " + r.answer + "; checked at the transport level only (no oracle).";
        } else {
          r.outcome = Outcome::fail;
          r.detail = problem;
        }
      } catch (const std::exception& e) {
        r.outcome = Outcome::error;
        r.detail = e.what();
      }
      if (entry && r.outcome == Outcome::fail) r.outcome = Outcome::xfail;
      else if (entry && r.outcome == Outcome::pass) {
        r.outcome = Outcome::xpass;
        r.detail = "listed as an expected failure (" + entry->reason + ") but passed: update the expect file.";
      }
    }
    r.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    if (r.outcome == Outcome::error && !r.blocked) summary.harness_error = true;
    if (progress) progress(r);
    summary.results.push_back(std::move(r));
  }
  summary.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - run_start);
  return summary;
}

int exit_code(const RunSummary& summary) {
  bool failed = false;
  for (const auto& r : summary.results) {
    if (r.outcome == Outcome::fail || r.outcome == Outcome::xpass) failed = true;
    if (r.outcome == Outcome::error && !r.blocked) return 2;
  }
  return failed ? 1 : 0;
}

}  // namespace tlsrpt::conformance
