#include "tests/peers/sts_verdict.hpp"

#include <charconv>
#include <string_view>

namespace tlsrpt::test::peers {
namespace {

// The quoted Python string literal starting at text[pos] ('...' or "..."), with its end.
std::optional<std::pair<std::string, std::size_t>> quoted_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"')) return std::nullopt;
  const char quote = text[pos];
  std::string value;
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      value += text[++i];
    } else if (text[i] == quote) {
      return std::make_pair(value, i + 1);
    } else {
      value += text[i];
    }
  }
  return std::nullopt;
}

// The position just after "'key': " in a dict repr, or npos.
std::size_t value_of(std::string_view text, std::string_view key) {
  const std::string needle = "'" + std::string(key) + "': ";
  const std::size_t at = text.find(needle);
  return at == std::string_view::npos ? at : at + needle.size();
}

bool read_policy(std::string_view text, StsVerdict& v) {
  const std::size_t mode = value_of(text, "mode");
  const auto mode_value = mode == std::string_view::npos ? std::nullopt : quoted_at(text, mode);
  if (!mode_value) return false;
  v.mode = mode_value->first;

  const std::size_t age = value_of(text, "max_age");
  if (age == std::string_view::npos) return false;
  const auto [end, ec] = std::from_chars(text.data() + age, text.data() + text.size(), v.max_age);
  if (ec != std::errc() || end == text.data() + age) return false;

  std::size_t mx = value_of(text, "mx");
  if (mx == std::string_view::npos || text[mx] != '[') return false;
  for (++mx; mx < text.size() && text[mx] != ']';) {
    if (text[mx] == ',' || text[mx] == ' ') {
      ++mx;
      continue;
    }
    const auto item = quoted_at(text, mx);
    if (!item) return false;
    v.mx.push_back(item->first);
    mx = item->second;
  }
  return mx < text.size();
}

}  // namespace

std::string to_string(StsOutcome outcome) {
  switch (outcome) {
    case StsOutcome::policy: return "policy";
    case StsOutcome::no_policy: return "no-policy";
    case StsOutcome::fetch_failed: return "fetch-failed";
    case StsOutcome::unclassified: break;
  }
  return "unclassified";
}

std::string StsVerdict::summary() const {
  if (outcome != StsOutcome::policy) return to_string(outcome);
  std::string s = "policy " + mode + " max_age=" + std::to_string(max_age) + " mx=[";
  for (std::size_t i = 0; i < mx.size(); ++i) s += (i ? ", " : "") + mx[i];
  return s + "]";
}

StsVerdict mta_sts_query_verdict(const ProcessResult& run) {
  StsVerdict v;
  const std::string_view out = run.out;
  const std::size_t line_end = out.find('\n');
  v.raw = std::string(out.substr(0, line_end));
  if (run.exit_code != 0 || run.timed_out) {
    v.raw += " (exit " + std::to_string(run.exit_code) + (run.timed_out ? ", timed out" : "") + ") " + run.err;
    return v;
  }
  if (out.rfind("(<STSFetchResult.NONE:", 0) == 0) {
    v.outcome = StsOutcome::no_policy;
  } else if (out.rfind("(<STSFetchResult.FETCH_ERROR:", 0) == 0) {
    v.outcome = StsOutcome::fetch_failed;
  } else if (out.rfind("(<STSFetchResult.VALID:", 0) == 0 && read_policy(v.raw, v)) {
    v.outcome = StsOutcome::policy;
  } else {
    v.mx.clear();
    v.raw += " " + run.err;
  }
  return v;
}

}  // namespace tlsrpt::test::peers
