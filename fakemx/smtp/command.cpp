#include "fakemx/smtp/command.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace tlsrpt::fakemx::smtp {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

constexpr std::array<std::pair<std::string_view, Verb>, 10> kVerbs{{
    {"EHLO", Verb::ehlo}, {"HELO", Verb::helo}, {"MAIL", Verb::mail}, {"RCPT", Verb::rcpt},
    {"DATA", Verb::data}, {"RSET", Verb::rset}, {"NOOP", Verb::noop}, {"QUIT", Verb::quit},
    {"VRFY", Verb::vrfy}, {"STARTTLS", Verb::starttls},
}};

}  // namespace

Command parse_command(std::string_view line) {
  const auto space = line.find(' ');
  const std::string_view word = line.substr(0, space);
  Command c;
  for (const auto& [name, verb] : kVerbs)
    if (iequals(word, name)) c.verb = verb;
  if (space != std::string_view::npos) c.argument = std::string(trim_spaces(line.substr(space + 1)));
  return c;
}

std::optional<PathArgument> parse_path(std::string_view argument, std::string_view keyword) {
  if (argument.size() < keyword.size() || !iequals(argument.substr(0, keyword.size()), keyword))
    return std::nullopt;
  std::string_view rest = trim_spaces(argument.substr(keyword.size()));  // some clients send "FROM: <x>"
  if (rest.empty() || rest.front() != '<') return std::nullopt;
  const auto close = rest.find('>');
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view mailbox = rest.substr(1, close - 1);
  if (mailbox.find_first_of("<> \t") != std::string_view::npos) return std::nullopt;
  return PathArgument{std::string(mailbox), std::string(trim_spaces(rest.substr(close + 1)))};
}

std::optional<unsigned long long> size_parameter(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto space = parameters.find(' ');
    const std::string_view p = parameters.substr(0, space);
    if (p.size() > 5 && iequals(p.substr(0, 5), "SIZE=")) {
      unsigned long long value = 0;
      const auto digits = p.substr(5);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
      return value;
    }
    if (space == std::string_view::npos) break;
    parameters = trim_spaces(parameters.substr(space + 1));
  }
  return std::nullopt;
}

}  // namespace tlsrpt::fakemx::smtp
