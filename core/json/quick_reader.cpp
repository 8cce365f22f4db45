// One recursive-descent pass over the text, shaped like the §4.4 template. Every place that gives
// up (returns nullptr or false) is one where the full reader would make a finding or fail: the pass
// never has to know which. simdjson is used only to validate UTF-8 in strings that need it.
#include "core/json/quick_reader.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <optional>

#include "core/json/template_names.hpp"
#include "core/records/ascii_text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tlsrpt {
namespace {

using json_walk::kMaxSafeInteger;
using json_walk::MemberNames;
using json_walk::MembersRead;
using namespace report_template;
using ascii::is_digit;

constexpr bool is_white_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Where the string starting at `p` stops being plain text: the first '"', '\\' or control
// character. `non_ascii` is set if a byte before it is 0x80 or above. Reads 32 bytes per step (two
// 16-byte blocks, one branch: most report strings are shorter), so it may look up to 31 bytes past
// `end` (the padding) but never starts a step there.
#if defined(__SSE2__)
struct Stops {
  unsigned stop_bits;  // '"', '\\' or a control character
  unsigned high_bits;  // 0x80 and above
};

inline Stops stops_in(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i last_control = _mm_set1_epi8(0x1f);
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, last_control), last_control);  // v <= 0x1f
  const __m128i quote_or_backslash =
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  return {static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(quote_or_backslash, control))),
          static_cast<unsigned>(_mm_movemask_epi8(v))};
}
#endif

[[gnu::always_inline]] inline const char* plain_text_end(const char* p, const char* end, bool& non_ascii) {
#if defined(__SSE2__)
  for (; p < end; p += 32) {
    const Stops low = stops_in(p);
    const Stops high = stops_in(p + 16);
    const std::uint32_t stop_bits = low.stop_bits | high.stop_bits << 16;
    const std::uint32_t high_bits = low.high_bits | high.high_bits << 16;
    if (stop_bits != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(stop_bits));
      non_ascii |= (high_bits & ((std::uint32_t{1} << at) - 1u)) != 0;
      return p + at;
    }
    non_ascii |= high_bits != 0;
  }
  return end;
#else
  for (; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20) return p;
    non_ascii |= c >= 0x80;
  }
  return end;
#endif
}

// Every reader takes the position where its part of the text starts and returns the position
// after it, or nullptr where it gives up. Positions are passed by value (locals in the inlined
// helpers): a cursor kept in the object lived in memory, and storing and reloading it after every
// character was a fifth of the reader's time (profiled).
using Pos = const char*;

class QuickReader {
 public:
  QuickReader(std::string_view json, ReportView& view) : begin_(json.data()), end_(json.data() + json.size()), view_(view) {}

  bool document() {
    Pos p = begin_;
    if (next(p) != '{') return false;
    MembersRead read;
    p = members(p, kReportMembers, read, [&](std::size_t member, Pos at) -> Pos {
      switch (member) {
        case kOrganizationName: return string_or_null(at, view_.organization_name);
        case kDateRange: return date_range(at);
        case kContactInfo: return contact_info(at);
        case kReportId: return string_or_null(at, view_.report_id);
        default: return policies(at);
      }
    });
    if (!p || !read.has(kDateRange) || !read.has(kPolicies)) return false;
    return skip_white_space(p) == end_;
  }

 private:
  Pos skip_white_space(Pos p) const {
    while (p < end_ && is_white_space(*p)) ++p;
    return p;
  }

  // The next character that is not white space, consumed; 0 at the end of the text.
  char next(Pos& p) const {
    if (p < end_ && static_cast<unsigned char>(*p) > ' ') return *p++;  // compact JSON: no white space
    p = skip_white_space(p);
    return p < end_ ? *p++ : '\0';
  }

  // After the 'n' of null.
  Pos null_rest(Pos p) const { return end_ - p >= 3 && std::memcmp(p, "ull", 3) == 0 ? p + 3 : nullptr; }

  // After the opening quote: the string's value up to the closing quote, which is consumed. A view
  // into the text itself, or into the view's decoded strings when the text has escapes.
  [[gnu::always_inline]] Pos string_body(Pos p, std::string_view& out) {
    const Pos start = p;
    bool non_ascii = false;
    p = plain_text_end(p, end_, non_ascii);
    if (p < end_ && *p == '"' && !non_ascii) [[likely]] {
      out = std::string_view(start, static_cast<std::size_t>(p - start));
      return p + 1;
    }
    return string_body_rest(start, p, non_ascii, out);
  }

  // string_body for a string with escapes or bytes past ASCII, or that is not one: `p` is where
  // plain text stopped.
  [[gnu::noinline]] Pos string_body_rest(Pos start, Pos p, bool non_ascii, std::string_view& out) {
    if (p < end_ && *p == '"') {
      out = std::string_view(start, static_cast<std::size_t>(p - start));
    } else if (p < end_ && *p == '\\') {
      p = decode_escaped(start, p, non_ascii, out);
      if (!p) return nullptr;
    } else {
      return nullptr;  // a control character, or no closing quote
    }
    // Escapes are ASCII, so the raw text is valid UTF-8 exactly when the decoded value is.
    if (non_ascii && !simdjson::validate_utf8(start, static_cast<std::size_t>(p - start))) return nullptr;
    return p + 1;
  }

  // From `start` (the string's first character) with `p` at its first backslash: decodes the
  // whole string into the view's decoded strings; returns the position of the closing quote.
  // Surrogate escapes are left to the full reader.
  Pos decode_escaped(Pos start, Pos p, bool& non_ascii, std::string_view& out) {
    std::string& decoded = view_.decoded;
    if (decoded.empty()) decoded.reserve(static_cast<std::size_t>(end_ - start));  // never moves after
    const std::size_t first = decoded.size();
    Pos plain = start;
    while (p < end_ && *p == '\\') {
      decoded.append(plain, p);
      if (end_ - p < 2) return nullptr;
      const char c = p[1];
      p += 2;
      switch (c) {
        case '"': case '\\': case '/': decoded += c; break;
        case 'b': decoded += '\b'; break;
        case 'f': decoded += '\f'; break;
        case 'n': decoded += '\n'; break;
        case 'r': decoded += '\r'; break;
        case 't': decoded += '\t'; break;
        case 'u':
          p = decode_code_unit(p, decoded);
          if (!p) return nullptr;
          break;
        default: return nullptr;
      }
      plain = p;
      p = plain_text_end(p, end_, non_ascii);
    }
    if (p >= end_ || *p != '"') return nullptr;
    decoded.append(plain, p);
    out = std::string_view(decoded).substr(first);
    return p;
  }

  // After "\\u": four hex digits of a code point outside the surrogates, appended as UTF-8.
  Pos decode_code_unit(Pos p, std::string& decoded) const {
    if (end_ - p < 4) return nullptr;
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = *p++;
      const int digit = h >= '0' && h <= '9'   ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
      if (digit < 0) return nullptr;
      code = code << 4 | static_cast<unsigned>(digit);
    }
    if (code >= 0xd800 && code <= 0xdfff) return nullptr;
    if (code < 0x80) {
      decoded += static_cast<char>(code);
    } else if (code < 0x800) {
      decoded += static_cast<char>(0xc0 | code >> 6);
      decoded += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      decoded += static_cast<char>(0xe0 | code >> 12);
      decoded += static_cast<char>(0x80 | (code >> 6 & 0x3f));
      decoded += static_cast<char>(0x80 | (code & 0x3f));
    }
    return p;
  }

  Pos quoted(Pos p, std::string_view& out) { return next(p) == '"' ? string_body(p, out) : nullptr; }

  // A string member, or null (which leaves `out` as it is, as the full reader does).
  template <class Out>
  [[gnu::always_inline]] Pos string_or_null(Pos p, Out& out) {
    const char c = next(p);
    if (c == 'n') return null_rest(p);
    std::string_view text;
    if (c != '"' || !(p = string_body(p, text))) return nullptr;
    out = text;
    return p;
  }

  // A session count: a plain integer from 0 to 2^53-1, or null.
  Pos count(Pos p, std::optional<std::int64_t>& out) const {
    const char c = next(p);
    if (c == 'n') return null_rest(p);
    if (!is_digit(c)) return nullptr;
    std::int64_t x = c - '0';
    if (c == '0' && p < end_ && is_digit(*p)) return nullptr;  // a leading zero is not JSON
    int digits = 1;
    for (; p < end_ && is_digit(*p); ++p) {
      if (++digits > 16) return nullptr;  // past 2^53 for sure
      x = x * 10 + (*p - '0');
    }
    if (x > kMaxSafeInteger) return nullptr;
    out = x;
    return p;
  }

  // Whether the text at `p` is `quoted` ("name": as compact JSON writes a member name); `p` is then
  // past the colon.
  bool compact_member_name(Pos& p, std::string_view quoted) const {
    const std::size_t n = quoted.size();
    if (static_cast<std::size_t>(end_ - p) < n || !json_walk::same_name(std::string_view(p, n), quoted)) return false;
    p += n;
    return true;
  }

  // At a member name: the template member it names (N for none), with `p` past the colon after it.
  // Reports mostly list members in template order, so the member after the one read last is tried
  // first, as raw bytes of compact JSON, before the name is read as a string and looked up.
  template <std::size_t N>
  std::size_t member_name(Pos& p, const MemberNames<N>& names, std::size_t expected) {
    if (expected < N && compact_member_name(p, names.compact(expected))) return expected;
    std::string_view key;
    if (next(p) != '"' || !(p = string_body(p, key)) || next(p) != ':') return N;
    return names.find(key);
  }

  // After '{': calls value(i, position) for template member i, each at most once; any other name
  // fails. Returns the position after the closing brace.
  template <std::size_t N, class F>
  Pos members(Pos p, const MemberNames<N>& names, MembersRead& read, F&& value) {
    p = skip_white_space(p);
    if (p < end_ && *p == '}') return p + 1;
    std::size_t expected = 0;
    while (true) {
      const std::size_t i = member_name(p, names, expected);
      if (i >= N || read.has(i)) return nullptr;
      read.set(i);
      expected = i + 1;
      p = value(i, p);
      if (!p) return nullptr;
      const char c = next(p);
      if (c == '}') return p;
      if (c != ',') return nullptr;
    }
  }

  // After '[': calls element(position) for each element, which reads it whole. Returns the position
  // after the closing bracket.
  template <class F>
  Pos elements(Pos p, F&& element) const {
    p = skip_white_space(p);
    if (p < end_ && *p == ']') return p + 1;
    while (true) {
      p = element(p);
      if (!p) return nullptr;
      const char c = next(p);
      if (c == ']') return p;
      if (c != ',') return nullptr;
    }
  }

  // After '[': an array of strings into the view's texts.
  Pos string_array(Pos p, std::optional<ViewRange>& out) {
    std::vector<std::string_view>& texts = view_.texts;
    const std::size_t first = texts.size();
    p = elements(p, [&](Pos at) -> Pos {
      std::string_view text;
      at = quoted(at, text);
      if (at) texts.push_back(text);
      return at;
    });
    if (p) out = view_range(first, texts.size());
    return p;
  }

  Pos contact_info(Pos p) {
    const char c = next(p);
    if (c == 'n') {
      view_.contact_info_null = true;
      return null_rest(p);
    }
    std::string_view text;
    if (c != '"' || !(p = string_body(p, text))) return nullptr;
    view_.contact_info = text;
    return p;
  }

  Pos date_range(Pos p) {
    if (next(p) != '{') return nullptr;
    MembersRead read;
    p = members(p, kDateRangeMembers, read, [&](std::size_t member, Pos at) {
      return string_or_null(at, member == kStartDatetime ? view_.start_datetime : view_.end_datetime);
    });
    return read.has(kStartDatetime) && read.has(kEndDatetime) ? p : nullptr;
  }

  Pos policies(Pos p) {
    if (next(p) != '[') return nullptr;
    return elements(p, [&](Pos at) -> Pos {
      view_.policies.emplace_back();
      return next(at) == '{' ? policy_report(at, view_.policies.size() - 1) : nullptr;
    });
  }

  // By index: reading a policy appends to the view's other vectors, never to the policies.
  Pos policy_report(Pos p, std::size_t index) {
    PolicyReportView& pr = view_.policies[index];
    MembersRead read;
    p = members(p, kPolicyReportMembers, read, [&](std::size_t member, Pos at) -> Pos {
      switch (member) {
        case kPolicy: return next(at) == '{' ? policy(at, pr) : nullptr;
        case kSummary: return next(at) == '{' ? summary(at, pr.summary) : nullptr;
        default: return failure_details(at, pr);
      }
    });
    return read.has(kPolicy) && read.has(kSummary) ? p : nullptr;
  }

  Pos policy(Pos p, PolicyReportView& pr) {
    MembersRead read;
    p = members(p, kPolicyMembers, read, [&](std::size_t member, Pos at) -> Pos {
      switch (member) {
        case kPolicyType: return policy_type(at, pr);
        case kPolicyString: return policy_string(at, pr);
        case kPolicyDomain: return string_or_null(at, pr.policy_domain);
        default: return mx_host(at, pr);
      }
    });
    return read.has(kPolicyType) ? p : nullptr;
  }

  Pos policy_type(Pos p, PolicyReportView& pr) {
    std::string_view text;
    p = quoted(p, text);
    if (!p) return nullptr;
    pr.policy_type = policy_type_from(text);
    if (pr.policy_type == PolicyType::unknown) pr.policy_type_text = text;
    return p;
  }

  Pos policy_string(Pos p, PolicyReportView& pr) {
    const char c = next(p);
    if (c == 'n') return null_rest(p);
    return c == '[' ? string_array(p, pr.policy_string) : nullptr;
  }

  // An array of strings, or one string (the RFC's Appendix B form, which the validator flags).
  Pos mx_host(Pos p, PolicyReportView& pr) {
    const char c = next(p);
    if (c == 'n') return null_rest(p);
    if (c == '[') return string_array(p, pr.mx_host);
    std::string_view text;
    if (c != '"' || !(p = string_body(p, text))) return nullptr;
    pr.mx_host = view_.add_text(text);
    pr.mx_host_as_string = true;
    return p;
  }

  Pos summary(Pos p, Summary& s) {
    MembersRead read;
    return members(p, kSummaryMembers, read, [&](std::size_t member, Pos at) {
      return count(at, member == kTotalSuccessful ? s.total_successful_session_count : s.total_failure_session_count);
    });
  }

  Pos failure_details(Pos p, PolicyReportView& pr) {
    const char c = next(p);
    if (c == 'n') return null_rest(p);
    if (c != '[') return nullptr;
    const std::size_t first = view_.details.size();
    p = elements(p, [&](Pos at) -> Pos {
      FailureDetailView& d = view_.add_detail();
      return next(at) == '{' ? detail(at, d) : nullptr;
    });
    if (p) pr.failure_details = view_range(first, view_.details.size());
    return p;
  }

  Pos detail(Pos p, FailureDetailView& d) {
    MembersRead read;
    p = members(p, kDetailMembers, read, [&](std::size_t member, Pos at) -> Pos {
      switch (member) {
        case kResultType: return string_or_null(at, d.result_type);
        case kSendingMtaIp: return string_or_null(at, d.sending_mta_ip);
        case kReceivingMxHostname: return string_or_null(at, d.receiving_mx_hostname);
        case kReceivingIp: return string_or_null(at, d.receiving_ip);
        case kFailedSessionCount: return count(at, d.failed_session_count);
        case kFailureReasonCode: return string_or_null(at, d.failure_reason_code);
        case kAdditionalInformation: return string_or_null(at, d.additional_information);
        default: return string_or_null(at, d.receiving_mx_helo);
      }
    });
    return read.has(kResultType) && read.has(kFailedSessionCount) ? p : nullptr;
  }

  const Pos begin_;
  const Pos end_;
  ReportView& view_;
};

}  // namespace

bool quick_read_report(std::string_view json, ReportView& view) { return QuickReader(json, view).document(); }

}  // namespace tlsrpt
