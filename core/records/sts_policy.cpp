#include "core/records/sts_policy.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/records/tag_record.hpp"
#include "core/util/domain_text.hpp"
#include "core/records/ascii_text.hpp"

namespace tlsrpt {
namespace {

using ascii::all_digits;
using ascii::is_wsp;

// sts-policy-ext-value: visible characters (UTF-8 allowed) and inner spaces, no CTLs.
std::size_t bad_policy_value_char(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
  }
  return std::string_view::npos;
}

struct Line {
  std::string_view text;
  std::size_t number;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  std::size_t number = 1;
  for (std::size_t start = 0; start < text.size(); ++number) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back({line, number});
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string_view to_string(StsMode mode) {
  switch (mode) {
    case StsMode::enforce: return "enforce";
    case StsMode::testing: return "testing";
    case StsMode::none: return "none";
  }
  return "none";
}

RecordResult<StsPolicy> parse_sts_policy(std::string_view text) {
  RecordResult<StsPolicy> r;
  auto error = [&](const Line& l, std::size_t column, std::string message) {
    r.errors.push_back({column, std::move(message), l.number});
  };
  StsPolicy policy;
  std::optional<std::size_t> version_line, mode_line, max_age_line;
  for (const auto& l : split_lines(text)) {
    if (l.text.find_first_not_of(" \t") == std::string_view::npos) {
      r.warnings.push_back({0, "A blank line is outside the policy grammar; it is ignored.", l.number});
      continue;
    }
    policy.lines.emplace_back(l.text);
    const auto colon = l.text.find(':');
    if (colon == std::string_view::npos) {
      error(l, 1, "The line has no \"key: value\" form.");
      continue;
    }
    const std::string_view key = l.text.substr(0, colon);
    if (!records::is_ext_name(key)) {
      error(l, 1, key.empty() || is_wsp(key.back()) || is_wsp(key.front())
                      ? "No white space is allowed around the key before \":\"."
                      : "\"" + std::string(key) + "\" is not a valid key.");
      continue;
    }
    std::size_t vstart = colon + 1;
    while (vstart < l.text.size() && is_wsp(l.text[vstart])) ++vstart;
    std::string_view value = l.text.substr(vstart);
    while (!value.empty() && is_wsp(value.back())) value.remove_suffix(1);
    const std::size_t vcol = vstart + 1;
    if (value.empty()) {
      error(l, vcol, "The key \"" + std::string(key) + "\" has no value.");
      continue;
    }
    if (const auto bad = bad_policy_value_char(value); bad != std::string_view::npos) {
      error(l, vcol + bad, "The value contains a control character.");
      continue;
    }
    auto once = [&](std::optional<std::size_t>& seen) {
      if (seen) {
        r.warnings.push_back({1, "A repeated \"" + std::string(key) + "\" is ignored; the first one (line " +
                                     std::to_string(*seen) + ") counts.", l.number});
        return false;
      }
      seen = l.number;
      return true;
    };
    if (key == "version") {
      if (value != "STSv1") error(l, vcol, "The version is \"" + std::string(value) + "\"; only \"STSv1\" is defined.");
      once(version_line);
    } else if (key == "mode") {
      std::optional<StsMode> mode;
      for (auto m : {StsMode::enforce, StsMode::testing, StsMode::none})
        if (value == to_string(m)) mode = m;
      if (!mode) error(l, vcol, "The mode \"" + std::string(value) + "\" is not enforce, testing or none (case-sensitive).");
      else if (once(mode_line)) policy.mode = *mode;
    } else if (key == "max_age") {
      if (!all_digits(value) || value.size() > 10) {
        error(l, vcol, "max_age \"" + std::string(value) + "\" is not a number of seconds (1 to 10 digits).");
      } else if (const auto v = std::stoll(std::string(value)); v > kStsMaxAgeLimit) {
        error(l, vcol, "max_age " + std::string(value) + " is more than the allowed 31557600 seconds (one year).");
      } else if (once(max_age_line)) {
        policy.max_age = v;
      }
    } else if (key == "mx") {
      if (!is_mx_pattern(value)) error(l, vcol, "\"" + std::string(value) + "\" is not a host name or \"*.\" pattern.");
      else policy.mx.emplace_back(value);
    } else {
      policy.extensions.emplace_back(std::string(key), std::string(value));
    }
  }
  if (!version_line) r.errors.push_back({0, "The policy has no \"version: STSv1\" line."});
  if (!mode_line) r.errors.push_back({0, "The policy has no \"mode:\" line."});
  if (!max_age_line) r.errors.push_back({0, "The policy has no \"max_age:\" line."});
  if (r.errors.empty() && policy.mx.empty() && policy.mode != StsMode::none)
    r.errors.push_back({0, "A policy in mode " + std::string(to_string(policy.mode)) + " needs at least one \"mx:\" line."});
  if (r.errors.empty()) r.value = std::move(policy);
  return r;
}

bool mx_pattern_matches(std::string_view pattern, std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (pattern.substr(0, 2) == "*.") {
    const auto dot = host.find('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    return domain_iequals(host.substr(dot + 1), pattern.substr(2));
  }
  return domain_iequals(host, pattern);
}

bool policy_allows_mx(const StsPolicy& policy, std::string_view host) {
  return std::any_of(policy.mx.begin(), policy.mx.end(), [&](const std::string& p) { return mx_pattern_matches(p, host); });
}

}  // namespace tlsrpt
