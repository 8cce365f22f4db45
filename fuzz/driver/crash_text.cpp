#include "fuzz/driver/crash_text.hpp"

#include <array>
#include <cctype>
#include <regex>

namespace tlsrpt::fuzz {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string clip(std::string_view s) { return std::string(s.substr(0, 160)); }

// "    #3 0x55d0c1 in parse_policy(Json const&) /src/p.cpp:12:5" -> "parse_policy(Json const&)"
std::string frame_function(std::string_view line) {
  const auto in = line.find(" in ");
  if (in == std::string_view::npos) {
    const auto paren = line.find(" (");  // "#0 0x... (/lib/x.so+0x...)": no symbol
    return paren == std::string_view::npos ? "" : std::string(trim(line.substr(paren)));
  }
  auto rest = line.substr(in + 4);
  // The location follows the last space outside parentheses/angle brackets.
  int depth = 0;
  std::size_t cut = rest.size();
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == '(' || c == '<') ++depth;
    else if ((c == ')' || c == '>') && depth > 0) --depth;
    else if (c == ' ' && depth == 0) {
      cut = i;
      break;
    }
  }
  return std::string(rest.substr(0, cut));
}

bool is_runtime_frame(std::string_view fn) {
  static constexpr std::array<std::string_view, 8> runtime{"__asan", "__ubsan", "__sanitizer", "__interceptor",
                                                          "__GI_", "__libc_", "abort", "raise"};
  for (auto prefix : runtime)
    if (fn.substr(0, prefix.size()) == prefix) return true;
  return fn.find("libsanitizer") != std::string_view::npos || fn.find("compiler-rt") != std::string_view::npos;
}

}  // namespace

SanitizerReport parse_sanitizer_report(std::string_view err) {
  SanitizerReport report;
  bool in_stack = false, stack_done = false;
  for (auto raw : lines_of(err)) {
    const auto line = trim(raw);
    if (line.substr(0, 9) == "SUMMARY: ") {
      report.summary = clip(line.substr(9));
      const auto colon = report.summary.find(": ");
      const auto end = colon == std::string::npos ? std::string::npos : report.summary.find(' ', colon + 2);
      report.kind = report.summary.substr(0, end);
      break;
    }
    if (stack_done) continue;
    if (line.size() > 1 && line[0] == '#' && std::isdigit(static_cast<unsigned char>(line[1]))) {
      in_stack = true;
      auto fn = frame_function(line);
      if (!fn.empty() && !is_runtime_frame(fn) && report.frames.size() < 3) report.frames.push_back(std::move(fn));
    } else if (in_stack) {
      stack_done = true;  // only the first stack (the access), not the allocation's
    }
  }
  if (report.summary.empty()) {
    // UBSan without a SUMMARY line (halt_on_error off): "file:1:2: runtime error: ..."
    for (auto line : lines_of(err))
      if (const auto at = line.find("runtime error: "); at != std::string_view::npos) {
        report.summary = "UndefinedBehaviorSanitizer: " + clip(line.substr(at + 15));
        report.kind = "UndefinedBehaviorSanitizer: " + clip(line.substr(0, at));
        break;
      }
  }
  return report;
}

std::string message_line(std::string_view text) {
  const auto lines = lines_of(text);
  static const std::regex exception_line(
      R"(^(Uncaught )?([A-Za-z_$][\w$.]*)?(Error|Exception|Panic|Interrupt|Exit)\w*(:|$).*|^panic: .*|^terminate called .*|^thread '.*' panicked.*)");
  bool traceback = false;
  for (auto raw : lines) {
    const auto line = trim(raw);
    if (line == "Traceback (most recent call last):") traceback = true;
    if (traceback) continue;
    if (std::regex_match(line.begin(), line.end(), exception_line)) return clip(line);
  }
  if (traceback) {  // Python: the exception is the last line that is not indented
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
      if (!it->empty() && !std::isspace(static_cast<unsigned char>(it->front()))) return clip(*it);
  }
  for (auto raw : lines)
    if (const auto line = trim(raw); !line.empty()) return clip(line);
  return "";
}

std::string normalize_for_signature(std::string_view line) {
  static const std::regex hex(R"(0x[0-9a-fA-F]+)");
  static const std::regex number(R"(\d+)");
  static const std::regex quoted(R"('[^']{0,200}'|"[^"]{0,200}")");
  static const std::regex pid(R"(==\d+==)");
  std::string s(line);
  s = std::regex_replace(s, pid, "");
  s = std::regex_replace(s, hex, "0x?");
  s = std::regex_replace(s, quoted, "'?'");
  s = std::regex_replace(s, number, "N");
  return s;
}

bool mentions_out_of_memory(std::string_view err) {
  static constexpr std::array<std::string_view, 9> needles{
      "std::bad_alloc",       "MemoryError",           "JavaScript heap out of memory",
      "Allocation failed",    "out of memory",         "OutOfMemoryError",
      "cannot allocate memory", "allocation-size-too-big", "rss-limit-exceeded"};
  for (auto n : needles)
    if (err.find(n) != std::string_view::npos) return true;
  return false;
}

}  // namespace tlsrpt::fuzz
