// RFC 5322 §3.3 date-time of the Date: header, including the obsolete forms §4.3 says readers
// must accept (two-digit years, named zones like "GMT" or "PDT", comments, extra white space).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt {

struct MailDate {
  std::int64_t epoch_seconds = 0;  // UTC
  int offset_minutes = 0;
};

// nullopt with `why` set (a plain sentence) when the text is not a valid date-time, including a
// day-of-week that does not match the date ("Fri, May 09 2017" fails twice: order and weekday).
std::optional<MailDate> parse_rfc5322_date(std::string_view text, std::string* why = nullptr);

// "Sun, 01 Mar 2026 02:00:00 +0000"
std::string format_rfc5322_date(std::int64_t epoch_seconds);

}  // namespace tlsrpt
