// The validator's text checks are written for speed (class tables, pair masks, fixed-offset reads).
// Here each is compared with a plain reference written the obvious way, on generated texts of every
// shape: valid samples, every single-character change of them, edge lengths and random junk.
#include <gtest/gtest.h>

#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/policy_string.hpp"
#include "core/json/rules.hpp"
#include "core/json/validate.hpp"
#include "core/report/result_types.hpp"
#include "core/util/datetime.hpp"
#include "core/util/domain_text.hpp"
#include "core/util/rng.hpp"
#include "tests/core_report/report_fixture.hpp"

namespace tlsrpt {
namespace {

// ---- references ----

bool ref_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == sep)
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

bool ref_a_label_domain(std::string s, bool allow_trailing_dot) {
  if (allow_trailing_dot && !s.empty() && s.back() == '.') s.pop_back();
  if (s.empty() || s.size() > 253) return false;
  for (const std::string& label : split(s, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!ref_alnum(c) && c != '-') return false;
  }
  return true;
}

bool ref_mx_pattern(const std::string& s) {
  if (s.size() > 2 && s.compare(0, 2, "*.") == 0) return ref_a_label_domain(s.substr(2), false);
  return ref_a_label_domain(s, false);
}

bool ref_dot_atom(const std::string& s) {
  for (const std::string& atom : split(s, '.')) {
    if (atom.empty()) return false;
    for (char c : atom)
      if (!ref_alnum(c) && std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool ref_quoted_string(const std::string& s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      ++i;
      if (i + 1 >= s.size()) return false;  // the escape must leave the closing quote
    } else if (c == '"' || c < 0x20 || c == 0x7f) {
      return false;
    }
  }
  return true;
}

bool ref_addr_spec(const std::string& s) {
  const auto at = s.rfind('@');
  if (at == std::string::npos) return false;
  const std::string local = s.substr(0, at), domain = s.substr(at + 1);
  if (!ref_dot_atom(local) && !ref_quoted_string(local)) return false;
  if (domain.size() > 2 && domain.front() == '[' && domain.back() == ']') {
    for (std::size_t k = 1; k + 1 < domain.size(); ++k) {
      const auto c = static_cast<unsigned char>(domain[k]);
      if (c == '[' || c == ']' || c == '\\' || c <= 0x20 || c == 0x7f) return false;
    }
    return true;
  }
  return ref_dot_atom(domain);
}

// RFC 3339 read field by field, the epoch from the C library's timegm.
std::optional<DateTime> ref_rfc3339(const std::string& s) {
  const auto number = [&s](std::size_t at, std::size_t n) -> int {
    if (at + n > s.size()) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return -1;
      v = v * 10 + (s[k] - '0');
    }
    return v;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  const bool leap_year = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int month_days[] = {31, leap_year ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1] || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  DateTime dt;
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    std::string digits;
    while (++at < s.size() && s[at] >= '0' && s[at] <= '9') digits += s[at];
    if (digits.empty()) return std::nullopt;
    digits.resize(9, '0');  // truncated or padded to nanoseconds
    dt.nanos = static_cast<std::uint32_t>(std::stoul(digits));
  }
  const std::string zone = s.substr(at);
  if (zone == "Z" || zone == "z") {
    dt.has_offset = true;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int oh = number(at + 1, 2), om = number(at + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return std::nullopt;
    dt.has_offset = true;
    dt.offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else if (!zone.empty()) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second == 60 ? 59 : second;
  dt.epoch_seconds = static_cast<std::int64_t>(timegm(&tm)) - std::int64_t{dt.offset_minutes} * 60;
  return dt;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  while (!s.empty() && std::string_view(" \t\r\n").find(s.back()) != std::string_view::npos) s.pop_back();
  return s;
}

// RFC 8461 §3.2 lines, each split at its first colon.
std::optional<std::string> ref_sts_policy_problem(const std::vector<std::string>& lines) {
  int versions = 0, modes = 0, max_ages = 0, mxs = 0;
  std::string mode;
  for (const std::string& raw : lines) {
    const std::string line = trim(raw);
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
      return "the line \"" + raw + "\" is not of the form \"key: value\"";
    const std::string key = line.substr(0, colon), value = trim(line.substr(colon + 1));
    for (char c : key)
      if (!ref_alnum(c) && c != '_') return "the line \"" + raw + "\" has an invalid key";
    if (key == "version") {
      ++versions;
      if (value != "STSv1") return "the version line says \"" + value + "\" instead of STSv1";
    } else if (key == "mode") {
      ++modes;
      mode = value;
      if (value != "enforce" && value != "testing" && value != "none")
        return "the mode \"" + value + "\" is not enforce, testing or none";
    } else if (key == "max_age") {
      ++max_ages;
      const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || value.size() > 8 || std::stoul(value) > 31557600)
        return "max_age \"" + value + "\" is not a number of seconds up to 31557600";
    } else if (key == "mx") {
      ++mxs;
      if (value.empty()) return "an mx line has no host pattern";
    }
  }
  if (versions != 1) return versions ? "the version line appears more than once" : "the version line is missing";
  if (modes != 1) return modes ? "the mode line appears more than once" : "the mode line is missing";
  if (max_ages != 1) return max_ages ? "the max_age line appears more than once" : "the max_age line is missing";
  if (mxs == 0 && mode != "none") return "there is no mx line although the mode is " + mode;
  return std::nullopt;
}

const ResultTypeInfo* ref_find_result_type(std::string_view name) {
  for (const ResultTypeInfo& row : result_types())
    if (row.name == name) return &row;
  return nullptr;
}

// RFC 3986 scheme ":" and at least one more character, every one a printable ASCII character that
// a URI may hold.
bool ref_uri(const std::string& s) {
  const auto colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size()) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s.substr(0, colon))
    if (!ref_alnum(c) && c != '+' && c != '-' && c != '.') return false;
  for (char c : s)
    if (c < 0x21 || c > 0x7e || std::string_view("\"<>\\^`{|}").find(c) != std::string_view::npos) return false;
  return true;
}

// ---- generated texts ----

// Each sample, every change of one character (replaced by each of `alphabet`, deleted, or with one
// inserted before it), and `junk` random texts from the alphabet up to `max_junk` characters.
std::vector<std::string> variants(const std::vector<std::string>& samples, std::string_view alphabet, Rng& rng,
                                  int junk, std::size_t max_junk) {
  std::vector<std::string> out;
  for (const std::string& s : samples) {
    out.push_back(s);
    for (std::size_t k = 0; k <= s.size(); ++k) {
      if (k < s.size()) out.push_back(std::string(s).erase(k, 1));
      for (char c : alphabet) {
        if (k < s.size()) {
          std::string t = s;
          t[k] = c;
          out.push_back(t);
        }
        out.push_back(std::string(s).insert(k, 1, c));
      }
    }
  }
  for (int n = 0; n < junk; ++n) {
    std::string t;
    for (std::size_t k = 0, len = rng.below(max_junk + 1); k < len; ++k) t += alphabet[rng.below(alphabet.size())];
    out.push_back(t);
  }
  return out;
}

std::string label(std::size_t n, char c = 'a') { return std::string(n, c); }

TEST(RuleReference, ALabelDomainsAndMxPatterns) {
  Rng rng(3);
  std::vector<std::string> samples = {"mx1.example.com", "company-y.example", "xn--gpher-jua.test", "a", "a-b.c-d",
                                      "*.mail.example", "mx.example.", "Mail.Example.COM", "1.2.3.4", "a.b"};
  // Edge lengths: labels of 63 and 64 octets, names of 253 and 254.
  samples.push_back(label(63) + ".example");
  samples.push_back(label(64) + ".example");
  samples.push_back("x." + label(63));
  samples.push_back(label(63) + "." + label(63) + "." + label(63) + "." + label(61));  // 253
  samples.push_back(label(63) + "." + label(63) + "." + label(63) + "." + label(62));  // 254
  samples.push_back(label(63) + "." + label(63) + "." + label(63) + "." + label(61) + ".");
  // Names around the 16-character steps of the SIMD check, so every change lands on each side of
  // a step's edge (and of the overlapping last step).
  for (const std::size_t n : {15, 16, 17, 31, 32, 33, 47, 48, 49, 61, 62, 63}) {
    std::string name;
    for (std::size_t k = 0; k < n; ++k) name += k % 6 == 5 && k + 1 < n ? '.' : (k % 6 == 2 ? '-' : 'a');
    samples.push_back(name);
  }
  const auto texts = variants(samples, "a-.*Z0_ \xc3\x80", rng, 20000, 80);
  ASSERT_GT(texts.size(), 40000u);
  for (const std::string& t : texts) {
    ASSERT_EQ(is_a_label_domain(t), ref_a_label_domain(t, false)) << '"' << t << '"';
    ASSERT_EQ(is_a_label_domain(t, true), ref_a_label_domain(t, true)) << '"' << t << '"';
    ASSERT_EQ(is_mx_pattern(t), ref_mx_pattern(t)) << '"' << t << '"';
  }
}

TEST(RuleReference, AddrSpecs) {
  Rng rng(4);
  const std::vector<std::string> samples = {"sts-reporting@company-x.example", "a@b", "\"odd local\"@example.com",
                                            "\"a\\\"b\"@example.com", "postmaster@[192.0.2.1]", "x.y+z@a.b.c",
                                            "first.last@example.org"};
  const auto texts = variants(samples, "a.@\"\\[] -!~", rng, 20000, 30);
  for (const std::string& t : texts) ASSERT_EQ(is_addr_spec(t), ref_addr_spec(t)) << '"' << t << '"';
}

void expect_same_date_time(const std::string& t) {
  const auto fast = parse_rfc3339(t);
  const auto ref = ref_rfc3339(t);
  ASSERT_EQ(fast.has_value(), ref.has_value()) << '"' << t << '"';
  if (!fast) return;
  EXPECT_EQ(fast->epoch_seconds, ref->epoch_seconds) << t;
  EXPECT_EQ(fast->nanos, ref->nanos) << t;
  EXPECT_EQ(fast->has_offset, ref->has_offset) << t;
  EXPECT_EQ(fast->offset_minutes, ref->offset_minutes) << t;
}

TEST(RuleReference, Rfc3339DateTimes) {
  Rng rng(5);
  const std::vector<std::string> samples = {"2016-04-01T00:00:00Z",      "2016-04-01T23:59:59Z",
                                            "2024-02-29T23:59:60Z",      "2023-01-10T00:00:00",
                                            "2016-04-01T02:00:00.250+02:00", "1999-12-31t23:59:59.123456789123z",
                                            "2000-02-29 12:00:00-11:30", "0001-01-01T00:00:00Z"};
  for (const std::string& t : variants(samples, "09:-.TZz+ x", rng, 5000, 30)) expect_same_date_time(t);
  // Every field at and past its range, on the common shape.
  for (int n = 0; n < 20000; ++n) {
    char text[64];
    std::snprintf(text, sizeof text, "%04u-%02u-%02uT%02u:%02u:%02uZ", static_cast<unsigned>(rng.below(10000)),
                  static_cast<unsigned>(rng.below(14)), static_cast<unsigned>(rng.below(33)),
                  static_cast<unsigned>(rng.below(26)), static_cast<unsigned>(rng.below(62)),
                  static_cast<unsigned>(rng.below(62)));
    expect_same_date_time(text);
  }
}

TEST(RuleReference, StsPolicyLines) {
  Rng rng(6);
  const std::vector<std::string> good = {"version: STSv1", "mode: testing", "mx: *.mail.company-y.example",
                                         "max_age: 86400", "mx: backup.mail.company-y.example"};
  const std::string alphabet = ": _-\tSv1x9";
  for (int n = 0; n < 30000; ++n) {
    std::vector<std::string> lines = good;
    if (rng.chance(0.2)) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(rng.below(lines.size())));
    if (rng.chance(0.1)) lines.push_back(good[rng.below(good.size())]);
    if (rng.chance(0.1)) lines.push_back(rng.chance(0.5) ? "mode: none" : "max_age: 31557601");
    for (std::string& line : lines) {
      if (!rng.chance(0.15) || line.empty()) continue;
      const std::size_t k = rng.below(line.size());
      const char c = alphabet[rng.below(alphabet.size())];
      switch (rng.below(3)) {
        case 0: line[k] = c; break;
        case 1: line.erase(k, 1); break;
        default: line.insert(k, 1, c);
      }
    }
    const std::vector<std::string_view> views(lines.begin(), lines.end());
    ASSERT_EQ(sts_policy_problem(views), ref_sts_policy_problem(lines)) << ::testing::PrintToString(lines);
  }
}

TEST(RuleReference, ResultTypeNames) {
  Rng rng(7);
  std::vector<std::string> samples;
  for (const ResultTypeInfo& row : result_types()) samples.emplace_back(row.name);
  samples.push_back("");
  for (const std::string& t : variants(samples, std::string_view("a-sS\0", 5), rng, 2000, 30))
    ASSERT_EQ(find_result_type(t), ref_find_result_type(t)) << '"' << t << '"';
}

// is_uri is the validator's own: compared through the finding it gives on additional-information.
TEST(RuleReference, AdditionalInformationUris) {
  Rng rng(8);
  const std::vector<std::string> samples = {"https://reports.example/info?id=5#x", "mailto:a@b", "a:b",
                                            "urn:ietf:rfc:8460", "x+y-z.w:%20"};
  const std::string rule_id(rule_info(Rule::additional_information).id);
  Report report = test::valid_report();
  ASSERT_TRUE(validate_report(report).empty());
  auto& detail = report.policies.at(0).failure_details->at(0);
  for (const std::string& t : variants(samples, ":/a1+ \"{|^~\x7f", rng, 3000, 20)) {
    if (t.empty()) continue;  // an empty one is the empty-string rule's
    detail.additional_information = t;
    bool flagged = false;
    for (const Finding& f : validate_report(report)) flagged |= f.rule == rule_id;
    ASSERT_EQ(!flagged, ref_uri(t)) << '"' << t << '"';
  }
}

}  // namespace
}  // namespace tlsrpt
