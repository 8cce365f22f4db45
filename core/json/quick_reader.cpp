// One recursive-descent pass over the text, shaped like the §4.4 template. Every "return false"
// is a place where the full reader would make a finding or fail: the pass never has to know which.
#include "core/json/quick_reader.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <optional>

#include "core/json/template_names.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tlsrpt {
namespace {

using json_walk::kMaxSafeInteger;
using json_walk::MemberNames;
using json_walk::MembersRead;
using namespace report_template;

constexpr bool is_white_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where the string starting at `p` stops being plain text: the first '"', '\\' or control
// character. `non_ascii` is set if a byte before it is 0x80 or above. Reads in 16-byte blocks, so
// it may look up to 15 bytes past `end` (the padding) but never starts a block there.
const char* plain_text_end(const char* p, const char* end, bool& non_ascii) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1f);
  for (; p < end; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, last_control), last_control);  // v <= 0x1f
    const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
    const auto stop_bits = static_cast<unsigned>(_mm_movemask_epi8(stops));
    const auto high_bits = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (stop_bits != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(stop_bits));
      non_ascii |= (high_bits & ((1u << at) - 1u)) != 0;
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

class QuickReader {
 public:
  QuickReader(std::string_view json, ReportView& view)
      : p_(json.data()), end_(json.data() + json.size()), view_(view) {}

  bool document() {
    if (next() != '{') return false;
    MembersRead read;
    const bool ok = members(kReportMembers, read, [&](std::size_t member) {
      switch (member) {
        case kOrganizationName: return string_or_null(view_.organization_name);
        case kDateRange: return date_range();
        case kContactInfo: return contact_info();
        case kReportId: return string_or_null(view_.report_id);
        default: return policies();
      }
    });
    if (!ok || !read.has(kDateRange) || !read.has(kPolicies)) return false;
    skip_white_space();
    return p_ == end_;
  }

 private:
  void skip_white_space() {
    while (p_ < end_ && is_white_space(*p_)) ++p_;
  }

  // The next character that is not white space, consumed; 0 at the end of the text.
  char next() {
    skip_white_space();
    return p_ < end_ ? *p_++ : '\0';
  }

  // After the 'n' of null.
  bool null_rest() {
    if (end_ - p_ < 3 || std::memcmp(p_, "ull", 3) != 0) return false;
    p_ += 3;
    return true;
  }

  // After the opening quote: the string's value up to the closing quote, which is consumed. A view
  // into the text itself, or into the view's decoded strings when the text has escapes.
  bool string_body(std::string_view& out) {
    const char* start = p_;
    bool non_ascii = false;
    p_ = plain_text_end(p_, end_, non_ascii);
    if (p_ < end_ && *p_ == '"') {
      out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    } else if (p_ < end_ && *p_ == '\\') {
      if (!decode_escaped(start, non_ascii, out)) return false;
    } else {
      return false;  // a control character, or no closing quote
    }
    // Escapes are ASCII, so the raw text is valid UTF-8 exactly when the decoded value is.
    const std::string_view raw(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    return !non_ascii || simdjson::validate_utf8(raw.data(), raw.size());
  }

  // From `start` (the string's first character) with p_ at its first backslash: decodes the whole
  // string into the view's decoded strings, leaving p_ at the closing quote. Surrogate escapes are
  // left to the full reader.
  bool decode_escaped(const char* start, bool& non_ascii, std::string_view& out) {
    std::string& decoded = view_.decoded;
    if (decoded.empty()) decoded.reserve(static_cast<std::size_t>(end_ - start));
    const std::size_t first = decoded.size();
    const char* plain = start;
    while (p_ < end_ && *p_ == '\\') {
      decoded.append(plain, p_);
      if (end_ - p_ < 2) return false;
      const char c = p_[1];
      p_ += 2;
      switch (c) {
        case '"': case '\\': case '/': decoded += c; break;
        case 'b': decoded += '\b'; break;
        case 'f': decoded += '\f'; break;
        case 'n': decoded += '\n'; break;
        case 'r': decoded += '\r'; break;
        case 't': decoded += '\t'; break;
        case 'u':
          if (!decode_code_unit(decoded)) return false;
          break;
        default: return false;
      }
      plain = p_;
      p_ = plain_text_end(p_, end_, non_ascii);
    }
    if (p_ >= end_ || *p_ != '"') return false;
    decoded.append(plain, p_);
    out = std::string_view(decoded).substr(first);
    return true;
  }

  // After "\u": four hex digits of a code point outside the surrogates, appended as UTF-8.
  bool decode_code_unit(std::string& decoded) {
    if (end_ - p_ < 4) return false;
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = *p_++;
      const int digit = h >= '0' && h <= '9'   ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
      if (digit < 0) return false;
      code = code << 4 | static_cast<unsigned>(digit);
    }
    if (code >= 0xd800 && code <= 0xdfff) return false;
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
    return true;
  }

  bool quoted(std::string_view& out) { return next() == '"' && string_body(out); }

  // A string member, or null (which leaves `out` as it is, as the full reader does).
  template <class Out>
  bool string_or_null(Out& out) {
    const char c = next();
    if (c == 'n') return null_rest();
    std::string_view text;
    if (c != '"' || !string_body(text)) return false;
    out = text;
    return true;
  }

  // A session count: a plain integer from 0 to 2^53-1, or null.
  bool count(std::optional<std::int64_t>& out) {
    const char c = next();
    if (c == 'n') return null_rest();
    if (!is_digit(c)) return false;
    std::int64_t x = c - '0';
    if (c == '0' && p_ < end_ && is_digit(*p_)) return false;  // a leading zero is not JSON
    int digits = 1;
    for (; p_ < end_ && is_digit(*p_); ++p_) {
      if (++digits > 16) return false;  // past 2^53 for sure
      x = x * 10 + (*p_ - '0');
    }
    if (x > kMaxSafeInteger) return false;
    out = x;
    return true;
  }

  // After '{': calls value(i) for template member i, each at most once; any other name fails.
  template <std::size_t N, class F>
  bool members(const MemberNames<N>& names, MembersRead& read, F&& value) {
    char c = next();
    if (c == '}') return true;
    while (true) {
      std::string_view key;
      if (c != '"' || !string_body(key) || next() != ':') return false;
      const std::size_t i = names.find(key);
      if (i >= N || read.has(i)) return false;
      read.set(i);
      if (!value(i)) return false;
      c = next();
      if (c == '}') return true;
      if (c != ',') return false;
      c = next();
    }
  }

  // After '[': calls element() for each element (which reads it whole).
  template <class F>
  bool elements(F&& element) {
    skip_white_space();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return true;
    }
    while (true) {
      if (!element()) return false;
      const char c = next();
      if (c == ']') return true;
      if (c != ',') return false;
    }
  }

  static ViewRange range(std::size_t first, std::size_t end) {
    return {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(end - first)};
  }

  // After '[': an array of strings into the view's texts.
  bool string_array(std::optional<ViewRange>& out) {
    std::vector<std::string_view>& texts = view_.texts;
    const std::size_t first = texts.size();
    const bool ok = elements([&] {
      std::string_view text;
      if (!quoted(text)) return false;
      texts.push_back(text);
      return true;
    });
    if (ok) out = range(first, texts.size());
    return ok;
  }

  bool contact_info() {
    const char c = next();
    if (c == 'n') return view_.contact_info_null = null_rest();
    std::string_view text;
    if (c != '"' || !string_body(text)) return false;
    view_.contact_info = text;
    return true;
  }

  bool date_range() {
    if (next() != '{') return false;
    MembersRead read;
    return members(kDateRangeMembers, read,
                   [&](std::size_t member) {
                     return string_or_null(member == kStartDatetime ? view_.start_datetime : view_.end_datetime);
                   }) &&
           read.has(kStartDatetime) && read.has(kEndDatetime);
  }

  bool policies() {
    if (next() != '[') return false;
    return elements([&] {
      view_.policies.emplace_back();
      return next() == '{' && policy_report(view_.policies.size() - 1);
    });
  }

  // By index: reading a policy appends to the view's other vectors, never to the policies.
  bool policy_report(std::size_t index) {
    PolicyReportView& pr = view_.policies[index];
    MembersRead read;
    return members(kPolicyReportMembers, read,
                   [&](std::size_t member) {
                     switch (member) {
                       case kPolicy: return next() == '{' && policy(pr);
                       case kSummary: return next() == '{' && summary(pr.summary);
                       default: return failure_details(pr);
                     }
                   }) &&
           read.has(kPolicy) && read.has(kSummary);
  }

  bool policy(PolicyReportView& p) {
    MembersRead read;
    return members(kPolicyMembers, read,
                   [&](std::size_t member) {
                     switch (member) {
                       case kPolicyType: return policy_type(p);
                       case kPolicyString: return policy_string(p);
                       case kPolicyDomain: return string_or_null(p.policy_domain);
                       default: return mx_host(p);
                     }
                   }) &&
           read.has(kPolicyType);
  }

  bool policy_type(PolicyReportView& p) {
    std::string_view text;
    if (!quoted(text)) return false;
    p.policy_type = policy_type_from(text);
    if (p.policy_type == PolicyType::unknown) p.policy_type_text = text;
    return true;
  }

  bool policy_string(PolicyReportView& p) {
    const char c = next();
    if (c == 'n') return null_rest();
    return c == '[' && string_array(p.policy_string);
  }

  // An array of strings, or one string (the RFC's Appendix B form, which the validator flags).
  bool mx_host(PolicyReportView& p) {
    const char c = next();
    if (c == 'n') return null_rest();
    if (c == '[') return string_array(p.mx_host);
    std::string_view text;
    if (c != '"' || !string_body(text)) return false;
    view_.texts.push_back(text);
    p.mx_host = range(view_.texts.size() - 1, view_.texts.size());
    p.mx_host_as_string = true;
    return true;
  }

  bool summary(Summary& s) {
    MembersRead read;
    return members(kSummaryMembers, read, [&](std::size_t member) {
      return count(member == kTotalSuccessful ? s.total_successful_session_count : s.total_failure_session_count);
    });
  }

  bool failure_details(PolicyReportView& p) {
    const char c = next();
    if (c == 'n') return null_rest();
    if (c != '[') return false;
    std::vector<FailureDetailView>& details = view_.details;
    const std::size_t first = details.size();
    static const FailureDetailView kAbsent{};  // copied in: value-initialising in place compiled to rep stos
    const bool ok = elements([&] {
      details.push_back(kAbsent);
      return next() == '{' && detail(details.back());
    });
    if (ok) p.failure_details = range(first, details.size());
    return ok;
  }

  bool detail(FailureDetailView& d) {
    MembersRead read;
    return members(kDetailMembers, read,
                   [&](std::size_t member) {
                     switch (member) {
                       case kResultType: return string_or_null(d.result_type);
                       case kSendingMtaIp: return string_or_null(d.sending_mta_ip);
                       case kReceivingMxHostname: return string_or_null(d.receiving_mx_hostname);
                       case kReceivingIp: return string_or_null(d.receiving_ip);
                       case kFailedSessionCount: return count(d.failed_session_count);
                       case kFailureReasonCode: return string_or_null(d.failure_reason_code);
                       case kAdditionalInformation: return string_or_null(d.additional_information);
                       default: return string_or_null(d.receiving_mx_helo);
                     }
                   }) &&
           read.has(kResultType) && read.has(kFailedSessionCount);
  }

  const char* p_;
  const char* const end_;
  ReportView& view_;
};

}  // namespace

bool quick_read_report(std::string_view json, ReportView& view) { return QuickReader(json, view).document(); }

}  // namespace tlsrpt
