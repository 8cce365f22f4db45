#include "generators/output/report_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

namespace tlsrpt::gen {
namespace {

// Appends through a raw cursor into the caller's string, growing it in large steps: std::string's
// members are not inlined (libstdc++ instantiates them out of line), and a report is ~150 pieces.
class Buffer {
 public:
  Buffer(std::string& out, std::size_t room) : out_(out), used_(out.size()) { out_.resize(used_ + room); }
  ~Buffer() { out_.resize(used_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  char* reserve(std::size_t n) {
    if (out_.size() - used_ < n) [[unlikely]] grow(n);
    return out_.data() + used_;
  }
  void commit(char* end) { used_ = static_cast<std::size_t>(end - out_.data()); }
  void put(char c) { *reserve(1) = c, ++used_; }
  void put(std::string_view s) {
    std::memcpy(reserve(s.size()), s.data(), s.size());
    used_ += s.size();
  }

 private:
  [[gnu::noinline]] void grow(std::size_t n) { out_.resize(std::max(out_.size() * 2, used_ + n)); }
  std::string& out_;
  std::size_t used_;
};

// Bytes that RFC 8259 §7 requires to be escaped: control characters, '"' and '\\'.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

// Whether any of the 8 bytes in `w` needs escaping, a word at a time: a byte below 0x20, or one
// equal to '"' or '\\' (the classic "has a zero byte" test on w, w ^ '"'s and w ^ '\\'s).
constexpr bool word_needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  return (((w - ones * 0x20) & ~w & highs) | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\'))) != 0;
}

// `text` as a JSON string literal; worst case every byte becomes \u00XX. Copies a word at a time
// while no byte needs escaping (nearly always to the end), then goes on byte by byte.
char* put_json_string(char* p, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  *p++ = '"';
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if (word_needs_escape(w)) break;
    std::memcpy(p, &w, 8);
    p += 8;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kNeedsEscape[c]) {
      *p++ = text[i];
      continue;
    }
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      default:
        *p++ = 'u', *p++ = '0', *p++ = '0';
        *p++ = hex[c >> 4];
        *p++ = hex[c & 15];
    }
  }
  *p++ = '"';
  return p;
}

class Writer {
 public:
  Writer(std::string& out, bool pretty) : out_(out, 4096), pretty_(pretty) {}

  void open(char c) {
    out_.put(c);
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out_.put(c);
    first_ = false;
  }
  // The writer's own member names: nothing to escape, and their length is known when compiling.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    separator();
    char* p = out_.reserve(N + 3);
    *p++ = '"';
    std::memcpy(p, k, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    if (pretty_) *p++ = ' ';
    out_.commit(p);
  }
  void element() { separator(); }
  void str(std::string_view v) { out_.commit(put_json_string(out_.reserve(v.size() * 6 + 2), v)); }
  void num(std::int64_t v) {
    char* p = out_.reserve(24);
    out_.commit(std::to_chars(p, p + 24, v).ptr);
  }
  void null() { out_.put("null"); }
  void newline_at_end() { out_.put('\n'); }
  void strings(const std::vector<std::string>& values) {
    open('[');
    for (const auto& v : values) {
      element();
      str(v);
    }
    close(']');
  }

 private:
  void separator() {
    if (!first_) out_.put(',');
    newline();
    first_ = false;
  }
  void newline() {
    if (!pretty_) return;
    const auto indent = static_cast<std::size_t>(depth_) * 2;
    char* p = out_.reserve(indent + 1);
    *p++ = '\n';
    std::memset(p, ' ', indent);
    out_.commit(p + indent);
  }
  Buffer out_;
  bool pretty_;
  int depth_ = 0;
  bool first_ = true;
};

template <std::size_t N>
void opt_str(Writer& w, const char (&k)[N], const std::optional<std::string>& v) {
  if (!v) return;
  w.key(k);
  w.str(*v);
}
template <std::size_t N>
void opt_num(Writer& w, const char (&k)[N], const std::optional<std::int64_t>& v) {
  if (!v) return;
  w.key(k);
  w.num(*v);
}

void write_policy(Writer& w, const Policy& p) {
  w.key("policy");
  w.open('{');
  w.key("policy-type");
  w.str(p.policy_type_text.empty() ? to_string(p.policy_type) : std::string_view(p.policy_type_text));
  if (p.policy_string) {
    w.key("policy-string");
    w.strings(*p.policy_string);
  }
  opt_str(w, "policy-domain", p.policy_domain);
  if (p.mx_host) {
    w.key("mx-host");
    w.strings(*p.mx_host);
  }
  w.close('}');
}

void write_summary(Writer& w, const Summary& s, SummaryKeyOrder order) {
  w.key("summary");
  w.open('{');
  if (order == SummaryKeyOrder::failure_first) {
    opt_num(w, "total-failure-session-count", s.total_failure_session_count);
    opt_num(w, "total-successful-session-count", s.total_successful_session_count);
  } else {
    opt_num(w, "total-successful-session-count", s.total_successful_session_count);
    opt_num(w, "total-failure-session-count", s.total_failure_session_count);
  }
  w.close('}');
}

void write_detail(Writer& w, const FailureDetail& d) {
  w.element();
  w.open('{');
  w.key("result-type");
  w.str(d.result_type);
  opt_str(w, "sending-mta-ip", d.sending_mta_ip);
  opt_str(w, "receiving-mx-hostname", d.receiving_mx_hostname);
  opt_str(w, "receiving-mx-helo", d.receiving_mx_helo);
  opt_str(w, "receiving-ip", d.receiving_ip);
  opt_num(w, "failed-session-count", d.failed_session_count);
  opt_str(w, "additional-information", d.additional_information);
  opt_str(w, "failure-reason-code", d.failure_reason_code);
  w.close('}');
}

void write_policy_report(Writer& w, const PolicyReport& pr, const JsonShape& shape) {
  w.element();
  w.open('{');
  if (shape.policy_order == PolicyKeyOrder::summary_first) {
    write_summary(w, pr.summary, shape.summary_order);
    write_policy(w, pr.policy);
  } else {
    write_policy(w, pr.policy);
    write_summary(w, pr.summary, shape.summary_order);
  }
  if (pr.failure_details) {
    w.key("failure-details");
    w.open('[');
    for (const auto& d : *pr.failure_details) write_detail(w, d);
    w.close(']');
  }
  w.close('}');
}

}  // namespace

JsonShape shape_of(const Personality& p) {
  return JsonShape{.pretty = p.pretty,
                   .trailing_newline = p.trailing_newline,
                   .null_contact = p.contact.empty(),
                   .top_order = p.top_order,
                   .policy_order = p.policy_order,
                   .summary_order = p.summary_order};
}

void append_json_string(std::string& out, std::string_view text) {
  const std::size_t room = text.size() * 6 + 2;
  Buffer buffer(out, room);
  buffer.commit(put_json_string(buffer.reserve(room), text));
}

void write_report_json(const Report& r, const JsonShape& shape, std::string& out) {
  Writer w(out, shape.pretty);
  w.open('{');
  opt_str(w, "organization-name", r.organization_name);
  w.key("date-range");
  w.open('{');
  w.key("start-datetime");
  w.str(r.date_range.start_datetime);
  w.key("end-datetime");
  w.str(r.date_range.end_datetime);
  w.close('}');
  if (r.contact_info) {
    w.key("contact-info");
    w.str(*r.contact_info);
  } else if (shape.null_contact) {
    w.key("contact-info");
    w.null();
  }
  if (shape.top_order == TopKeyOrder::report_id_before_policies) opt_str(w, "report-id", r.report_id);
  w.key("policies");
  w.open('[');
  for (const auto& pr : r.policies) write_policy_report(w, pr, shape);
  w.close(']');
  if (shape.top_order == TopKeyOrder::report_id_last) opt_str(w, "report-id", r.report_id);
  w.close('}');
  if (shape.trailing_newline) w.newline_at_end();
}

std::string report_json(const Report& report, const JsonShape& shape) {
  std::string out;
  write_report_json(report, shape, out);
  return out;
}

}  // namespace tlsrpt::gen
