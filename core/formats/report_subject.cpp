#include "core/formats/report_subject.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "core/records/ascii_text.hpp"

namespace tlsrpt {
namespace {

using ascii::iequals;
using ascii::is_wsp;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_wsp(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_wsp(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// RFC 5322 §3.2.3 atext.
bool is_atext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c));
}

bool is_dot_atom_text(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i + 1] == '.') return false;
    } else if (!is_atext(s[i])) {
      return false;
    }
  }
  return true;
}

// Drops a trailing RFC 5322 comment "(...)" (the grammar's optional CFWS).
std::string_view without_trailing_comment(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.back() == ')') {
    const auto open = s.rfind('(');
    if (open != std::string_view::npos) s = trim(s.substr(0, open));
  }
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_wsp(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_wsp(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

void check_report_id(std::string_view id, std::vector<std::string>& deviations) {
  std::string_view inner = id;
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') {
    inner = id.substr(1, id.size() - 2);
  } else {
    deviations.emplace_back("The Report-ID is not enclosed in angle brackets.");
  }
  const auto at = inner.rfind('@');
  if (at == std::string_view::npos) {
    deviations.emplace_back("The Report-ID has no \"@\" (the grammar wants <id-left@id-right>).");
  } else if (!is_dot_atom_text(inner.substr(0, at))) {
    deviations.emplace_back("The Report-ID's id-left \"" + std::string(inner.substr(0, at)) +
                            "\" has characters a message identifier does not allow.");
  }
}

}  // namespace

std::string unfold_header(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    if (raw[i] == '\n') continue;
    out += raw[i];
  }
  return std::string(trim(out));
}

std::optional<ReportSubject> parse_report_subject(std::string_view unfolded) {
  static constexpr std::array<std::string_view, 3> kKeys = {"Domain:", "Submitter:", "Report-ID:"};
  const auto ws = words(unfolded);
  std::array<std::optional<std::size_t>, 3> at{};
  for (std::size_t i = 0; i < ws.size(); ++i)
    for (std::size_t k = 0; k < kKeys.size(); ++k)
      if (!at[k] && iequals(ws[i], kKeys[k])) at[k] = i;
  if (!at[0] && !at[1] && !at[2]) return std::nullopt;

  ReportSubject out;
  auto& dev = out.deviations;
  for (std::size_t k = 0; k < kKeys.size(); ++k) {
    if (!at[k])
      dev.emplace_back("The Subject has no \"" + std::string(kKeys[k]) + "\".");
    else if (ws[*at[k]] != kKeys[k])
      dev.emplace_back("\"" + std::string(ws[*at[k]]) + "\" should be written \"" + std::string(kKeys[k]) + "\".");
  }
  if (at[0] && at[1] && at[2] && !(*at[0] < *at[1] && *at[1] < *at[2]))
    dev.emplace_back("The Subject's fields are not in the order Domain, Submitter, Report-ID.");
  // The value of a keyword: the words up to the next keyword (or the end).
  auto value_of = [&](std::size_t k) -> std::string_view {
    if (!at[k]) return {};
    const std::size_t first = *at[k] + 1;
    std::size_t last = ws.size();
    for (const auto& other : at)
      if (other && *other >= first && *other < last) last = *other;
    if (first >= last) return {};
    const char* begin = ws[first].data();
    const char* end = ws[last - 1].data() + ws[last - 1].size();
    return {begin, static_cast<std::size_t>(end - begin)};
  };
  out.domain = std::string(value_of(0));
  out.submitter = std::string(value_of(1));
  out.report_id = std::string(without_trailing_comment(value_of(2)));
  if (at[0] && out.domain.empty()) dev.emplace_back("The Subject's Domain: is empty.");
  if (at[1] && out.submitter.empty()) dev.emplace_back("The Subject's Submitter: is empty.");
  if (at[2] && out.report_id.empty()) dev.emplace_back("The Subject's Report-ID: is empty.");
  if (!out.report_id.empty()) check_report_id(out.report_id, dev);

  const std::size_t first_key = std::min({at[0].value_or(ws.size()), at[1].value_or(ws.size()), at[2].value_or(ws.size())});
  if (first_key == 0 || !iequals(ws[first_key - 1], "Report")) {
    dev.emplace_back("The Subject does not start with \"Report\".");
  } else {
    if (ws[first_key - 1] != "Report") dev.emplace_back("\"" + std::string(ws[first_key - 1]) + "\" should be written \"Report\".");
    if (first_key > 1) dev.emplace_back("The Subject has text before \"Report\".");
  }
  return out;
}

std::string subject_report_id(std::string_view report_id, std::string_view submitter) {
  report_id = trim(report_id);
  if (report_id.size() >= 2 && report_id.front() == '<' && report_id.back() == '>') report_id = report_id.substr(1, report_id.size() - 2);
  const auto at = report_id.rfind('@');
  std::string left(at == std::string_view::npos ? report_id : report_id.substr(0, at));
  std::string right(at == std::string_view::npos ? submitter : report_id.substr(at + 1));
  for (std::size_t i = 0; i < left.size(); ++i) {
    const bool dot_ok = left[i] == '.' && i > 0 && i + 1 < left.size() && left[i - 1] != '.';
    if (!is_atext(left[i]) && !dot_ok) left[i] = '-';
  }
  if (left.empty()) left = "-";
  return "<" + left + "@" + right + ">";
}

std::string format_report_subject(std::string_view domain, std::string_view submitter, std::string_view report_id) {
  return "Report Domain: " + std::string(domain) + " Submitter: " + std::string(submitter) +
         " Report-ID: " + subject_report_id(report_id, submitter);
}

}  // namespace tlsrpt
