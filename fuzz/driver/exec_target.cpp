#include "fuzz/driver/exec_target.hpp"

#include <signal.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "fuzz/driver/crash_text.hpp"

namespace tlsrpt::fuzz {
namespace {

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

std::string make_case_dir(const std::string& parent) {
  std::string templ = parent + "/case-XXXXXX";
  if (!mkdtemp(templ.data())) throw std::runtime_error("cannot create a case directory under " + parent + ": " + std::strerror(errno));
  return templ;
}

std::string join_output(const ProcessRun& run) {
  std::string text = run.out;
  if (!text.empty() && !run.err.empty() && text.back() != '\n') text += '\n';
  return text + run.err;
}

}  // namespace

Observation classify(const ProcessRun& run, const ExecConfig& config, const std::regex* accept, const std::regex* reject) {
  Observation o;
  const auto output = join_output(run);
  o.detail = output;
  if (run.timed_out) {
    o.finding = FindingClass::hang;
    o.signature = "hang";
    o.summary = "no exit within " + std::to_string(config.limits.timeout.count()) + " ms";
    return o;
  }
  const bool abnormal = run.signal != 0 || (run.exit_code != 0 && config.crash_exits.count(run.exit_code));
  const auto sanitizer = parse_sanitizer_report(run.err);
  const bool oom_text = mentions_out_of_memory(run.err);
  if (run.memory_exceeded || (oom_text && (abnormal || run.exit_code != 0))) {
    o.finding = FindingClass::memory;
    // One signature per target: a blow-up has no reliable stack, and whether the address-space
    // limit or the resident-size check stops it first is a matter of timing.
    o.signature = "memory";
    o.summary = oom_text ? "out of memory: " + message_line(run.err)
                         : "resident memory passed " + std::to_string(config.limits.memory_mb) + " MiB";
    return o;
  }
  if (!sanitizer.summary.empty()) {
    o.finding = FindingClass::crash;
    o.signature = sanitizer.kind;
    for (const auto& f : sanitizer.frames) o.signature += "|" + f;
    o.summary = sanitizer.summary;
    return o;
  }
  if (abnormal) {
    o.finding = FindingClass::crash;
    const auto line = message_line(run.err.empty() ? run.out : run.err);
    const auto status = run.signal ? signal_name(run.signal) : "exit " + std::to_string(run.exit_code);
    o.signature = status + "|" + normalize_for_signature(line);
    o.summary = line.empty() ? status : status + ": " + line;
    return o;
  }
  const auto& oracle = config.oracle;
  if (oracle.accept_exits.count(run.exit_code)) o.verdict = TargetVerdict::accept;
  if (oracle.reject_exits.count(run.exit_code)) o.verdict = TargetVerdict::reject;
  if (!oracle.accept_regex.empty() &&
      std::regex_search(output, accept ? *accept : std::regex(oracle.accept_regex)))
    o.verdict = TargetVerdict::accept;
  if (!oracle.reject_regex.empty() &&
      std::regex_search(output, reject ? *reject : std::regex(oracle.reject_regex)))
    o.verdict = TargetVerdict::reject;
  o.summary = "exit " + std::to_string(run.exit_code) + (output.empty() ? "" : ": " + message_line(output));
  return o;
}

ExecTarget::ExecTarget(ExecConfig config) : config_(std::move(config)) {
  if (!config_.oracle.accept_regex.empty()) accept_ = std::regex(config_.oracle.accept_regex);
  if (!config_.oracle.reject_regex.empty()) reject_ = std::regex(config_.oracle.reject_regex);
}

Observation ExecTarget::run(const Input& input) {
  const auto dir = make_case_dir(config_.work_dir);
  const auto input_path = dir + "/input" + std::string(input.extension);
  {
    std::ofstream out(input_path, std::ios::binary);
    out.write(input.bytes.data(), static_cast<std::streamsize>(input.bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + input_path);
  }
  const auto argv = substitute_input(config_.command, input_path);
  auto run = util::run_child(argv, {.working_dir = dir,
                                    .stdin_path = config_.command.input_as_file ? "" : input_path,
                                    .limits = config_.limits});
  // The case directory's name is random: keep it out of messages (and so out of signatures).
  for (auto* text : {&run.out, &run.err})
    for (auto at = text->find(dir + "/"); at != std::string::npos; at = text->find(dir + "/", at))
      text->erase(at, dir.size() + 1);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!run.spawn_error.empty()) throw std::runtime_error(run.spawn_error);
  return classify(run, config_, &accept_, &reject_);
}

std::string ExecTarget::repro_line(const std::string& input_file, const Input&) const {
  std::string line = "cd \"$(dirname \"$0\")\" &&";
  if (config_.limits.address_limit) line += " ulimit -v " + std::to_string(config_.limits.memory_mb * 1024) + " &&";
  for (const auto& word : substitute_input(config_.command, input_file)) line += " " + shell_quote(word);
  if (!config_.command.input_as_file) line += " < " + shell_quote(input_file);
  return line;
}

std::string ExecTarget::describe() const {
  std::string text = "exec:";
  for (const auto& word : config_.command.argv) text += " " + shell_quote(word);
  return text;
}

}  // namespace tlsrpt::fuzz
