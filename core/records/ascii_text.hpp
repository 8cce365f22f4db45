// ASCII character tests shared by the record and mail parsers (locale-independent, inline).
#pragma once

#include <algorithm>
#include <string_view>

namespace tlsrpt::ascii {

inline bool is_wsp(char c) { return c == ' ' || c == '\t'; }  // RFC 5234 WSP
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return to_lower(x) == to_lower(y); });
}

}  // namespace tlsrpt::ascii
