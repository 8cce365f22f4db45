// --oracle-cmd: the oracle as a program whose standard output is the oracle JSON. The command line
// is split into words (quotes group, no shell), "{report-id}" in a word asks once per report, and
// the program runs under the suite's timeout with its output capped.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "conformance/oracle/oracle.hpp"

extern char** environ;

namespace tlsrpt::conformance {
namespace {

constexpr std::size_t kOutputCap = 64u << 20;
constexpr std::string_view kSlot = "{report-id}";

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : text) {
    if (quote) {
      if (c == quote) quote = 0;
      else word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote) throw std::invalid_argument("--oracle-cmd has an unterminated quote");
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) throw std::invalid_argument("--oracle-cmd is empty");
  return words;
}

// Runs argv, returns its standard output; throws on a start failure, a non-zero exit or the deadline.
std::string run_capture(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("oracle command: cannot create a pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    throw std::runtime_error("oracle command: cannot start " + argv[0]);
  }
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  char buf[65536];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    if (text.size() < kOutputCap) text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (timed_out) throw std::runtime_error("oracle command " + argv[0] + " did not finish in time");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("oracle command " + argv[0] + " failed (exit status " +
                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)) + ")");
  return text;
}

class CommandOracle : public Oracle {
 public:
  CommandOracle(const std::string& command, std::chrono::milliseconds timeout)
      : command_(command), words_(split_words(command)), timeout_(timeout) {}

  OracleView fetch(const std::vector<std::string>& report_ids) override {
    bool per_report = false;
    for (const auto& w : words_) per_report |= w.find(kSlot) != std::string::npos;
    if (!per_report) return parse(run_capture(words_, timeout_));
    OracleView view;
    for (const auto& id : report_ids) {
      auto argv = words_;
      for (auto& w : argv)
        for (auto at = w.find(kSlot); at != std::string::npos; at = w.find(kSlot, at + id.size())) w.replace(at, kSlot.size(), id);
      for (auto& [key, held] : parse(run_capture(argv, timeout_)).reports) view.reports.insert_or_assign(key, held);
    }
    return view;
  }
  std::string describe() const override { return "command: " + command_; }

 private:
  OracleView parse(const std::string& text) const {
    try {
      return parse_oracle(text);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("oracle command " + words_.front() + ": " + e.what());
    }
  }

  std::string command_;
  std::vector<std::string> words_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<Oracle> command_oracle(const std::string& command, std::chrono::milliseconds timeout) {
  return std::make_unique<CommandOracle>(command, timeout);
}

}  // namespace tlsrpt::conformance
