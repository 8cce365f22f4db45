#include "core/formats/rfc5322_date.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "core/util/datetime.hpp"
#include "core/records/ascii_text.hpp"

namespace tlsrpt {
namespace {

using ascii::all_digits;
using ascii::iequals;

constexpr std::array<std::string_view, 7> kDays = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Comments removed (nesting allowed), "," separated out, split on white space.
std::vector<std::string_view> tokens(std::string_view s, std::string& storage) {
  storage.clear();
  int depth = 0;
  for (char c : s) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0) storage += (c == ',') ? std::string(" , ") : std::string(1, c);
  }
  std::vector<std::string_view> out;
  std::string_view v(storage);
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && std::isspace(static_cast<unsigned char>(v[i]))) ++i;
    const std::size_t start = i;
    while (i < v.size() && !std::isspace(static_cast<unsigned char>(v[i]))) ++i;
    if (i > start) out.push_back(v.substr(start, i - start));
  }
  return out;
}

std::optional<int> zone_minutes(std::string_view z) {
  if (z.size() == 5 && (z[0] == '+' || z[0] == '-') && all_digits(z.substr(1))) {
    const int hh = to_int(z.substr(1, 2)), mm = to_int(z.substr(3, 2));
    if (mm > 59) return std::nullopt;
    return (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  struct Named { std::string_view name; int minutes; };
  static constexpr Named kNamed[] = {{"UT", 0}, {"GMT", 0}, {"Z", 0}, {"EST", -300}, {"EDT", -240}, {"CST", -360},
                                     {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};
  for (const auto& n : kNamed)
    if (iequals(z, n.name)) return n.minutes;
  // Other obsolete military zones are to be read as "-0000" (RFC 5322 §4.3).
  if (z.size() == 1 && std::isalpha(static_cast<unsigned char>(z[0]))) return 0;
  return std::nullopt;
}

std::optional<MailDate> fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return std::nullopt;
}

}  // namespace

std::optional<MailDate> parse_rfc5322_date(std::string_view text, std::string* why) {
  std::string storage;
  auto t = tokens(text, storage);
  std::optional<std::size_t> weekday;
  std::size_t i = 0;
  if (t.size() >= 2 && t[1] == ",") {
    for (std::size_t d = 0; d < kDays.size(); ++d)
      if (iequals(t[0], kDays[d])) weekday = d;
    if (!weekday) return fail(why, "\"" + std::string(t[0]) + "\" is not a day of the week.");
    i = 2;
  }
  if (t.size() - i != 5)
    return fail(why, "The date does not read \"[Day,] DD Mon YYYY hh:mm[:ss] zone\".");
  const auto day = t[i], mon = t[i + 1], year = t[i + 2], time = t[i + 3], zone = t[i + 4];
  if (!all_digits(day) || day.size() > 2) return fail(why, "\"" + std::string(day) + "\" is not a day of the month.");
  std::optional<unsigned> month;
  for (std::size_t m = 0; m < kMonths.size(); ++m)
    if (iequals(mon, kMonths[m])) month = static_cast<unsigned>(m + 1);
  if (!month) return fail(why, "\"" + std::string(mon) + "\" is not a month name (the day comes first).");
  if (!all_digits(year) || year.size() < 2) return fail(why, "\"" + std::string(year) + "\" is not a year.");
  int y = to_int(year);
  if (year.size() == 2) y += y < 50 ? 2000 : 1900;  // obs-year, RFC 5322 §4.3
  else if (year.size() == 3) y += 1900;
  int hh = 0, mm = 0, ss = 0;
  const bool hhmm = time.size() == 5 && time[2] == ':';
  const bool hhmmss = time.size() == 8 && time[2] == ':' && time[5] == ':';
  if (!(hhmm || hhmmss) || !all_digits(time.substr(0, 2)) || !all_digits(time.substr(3, 2)) ||
      (hhmmss && !all_digits(time.substr(6, 2))))
    return fail(why, "\"" + std::string(time) + "\" is not a time of day hh:mm:ss.");
  hh = to_int(time.substr(0, 2));
  mm = to_int(time.substr(3, 2));
  if (hhmmss) ss = to_int(time.substr(6, 2));
  if (hh > 23 || mm > 59 || ss > 60) return fail(why, "\"" + std::string(time) + "\" is out of range.");
  const auto offset = zone_minutes(zone);
  if (!offset) return fail(why, "\"" + std::string(zone) + "\" is not a time zone (+hhmm or -hhmm).");
  static constexpr int kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int d = to_int(day);
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d < 1 || d > kMonthDays[*month - 1] || (*month == 2 && d == 29 && !leap))
    return fail(why, "The date " + std::string(day) + " " + std::string(mon) + " " + std::string(year) + " does not exist.");
  const std::int64_t days = days_from_civil(y, *month, static_cast<unsigned>(d));
  if (weekday && static_cast<std::size_t>(((days % 7) + 7) % 7) != *weekday)
    return fail(why, std::string(kDays[*weekday]) + " is the wrong day of the week for " + std::string(day) + " " +
                         std::string(mon) + " " + std::string(year) + ".");
  MailDate out;
  out.offset_minutes = *offset;
  out.epoch_seconds = days * 86400 + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss) - std::int64_t{*offset} * 60;
  return out;
}

std::string format_rfc5322_date(std::int64_t epoch_seconds) {
  const std::int64_t days = epoch_seconds >= 0 ? epoch_seconds / 86400 : (epoch_seconds - 86399) / 86400;
  const std::int64_t secs = epoch_seconds - days * 86400;
  const std::string ymd = format_date(epoch_seconds);  // "YYYY-MM-DD"
  const unsigned month = static_cast<unsigned>(std::stoi(ymd.substr(5, 2)));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %s %s %s %02d:%02d:%02d +0000", std::string(kDays[static_cast<std::size_t>(((days % 7) + 7) % 7)]).c_str(),
                ymd.substr(8, 2).c_str(), std::string(kMonths[month - 1]).c_str(), ymd.substr(0, 4).c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

}  // namespace tlsrpt
