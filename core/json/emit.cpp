// emit_json: the §4.4 template's key order, compact or pretty (two-space indent), no allocation
// beyond the output string.
#include <charconv>

#include "core/json/codec.hpp"

namespace tlsrpt {
namespace {

class Writer {
 public:
  explicit Writer(JsonStyle style) : pretty_(style == JsonStyle::pretty) { out_.reserve(1024); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view k) {
    separate();
    quoted(k);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
  }
  void string(std::string_view s) {
    separate();
    quoted(s);
  }
  void integer(std::int64_t v) {
    separate();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
  }
  void null() {
    separate();
    out_ += "null";
  }

  std::string take() {
    if (pretty_) out_ += '\n';
    return std::move(out_);
  }

 private:
  void open(char c) {
    separate();
    out_ += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (pretty_ && !first_) newline();
    out_ += c;
    first_ = false;
  }
  // Before a value or key: a comma unless first in its container, and the pretty line break.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!first_) out_ += ',';
    if (pretty_) newline();
    first_ = false;
  }
  void newline() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  void quoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    std::size_t run = 0;  // start of the pending unescaped run
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        default:
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string out_;
  bool pretty_;
  bool first_ = true;
  bool after_key_ = false;
  int depth_ = 0;
};

void optional_string(Writer& w, std::string_view k, const std::optional<std::string>& v) {
  if (!v) return;
  w.key(k);
  w.string(*v);
}

void optional_count(Writer& w, std::string_view k, const std::optional<std::int64_t>& v) {
  if (!v) return;
  w.key(k);
  w.integer(*v);
}

void string_array(Writer& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& s : items) w.string(s);
  w.end_array();
}

void emit_policy(Writer& w, const Policy& p) {
  w.begin_object();
  w.key("policy-type");
  w.string(p.policy_type == PolicyType::unknown ? std::string_view(p.policy_type_text) : to_string(p.policy_type));
  if (p.policy_string) {
    w.key("policy-string");
    string_array(w, *p.policy_string);
  }
  optional_string(w, "policy-domain", p.policy_domain);
  if (p.mx_host) {
    w.key("mx-host");
    if (p.mx_host_as_string && p.mx_host->size() == 1)
      w.string(p.mx_host->front());
    else
      string_array(w, *p.mx_host);
  }
  w.end_object();
}

void emit_detail(Writer& w, const FailureDetail& d) {
  w.begin_object();
  w.key("result-type");
  w.string(d.result_type);
  optional_string(w, "sending-mta-ip", d.sending_mta_ip);
  optional_string(w, "receiving-mx-hostname", d.receiving_mx_hostname);
  optional_string(w, "receiving-mx-helo", d.receiving_mx_helo);
  optional_string(w, "receiving-ip", d.receiving_ip);
  optional_count(w, "failed-session-count", d.failed_session_count);
  optional_string(w, "additional-information", d.additional_information);
  optional_string(w, "failure-reason-code", d.failure_reason_code);
  w.end_object();
}

}  // namespace

std::string emit_json(const Report& r, JsonStyle style) {
  Writer w(style);
  w.begin_object();
  optional_string(w, "organization-name", r.organization_name);
  w.key("date-range");
  w.begin_object();
  w.key("start-datetime");
  w.string(r.date_range.start_datetime);
  w.key("end-datetime");
  w.string(r.date_range.end_datetime);
  w.end_object();
  if (r.contact_info) {
    optional_string(w, "contact-info", r.contact_info);
  } else if (r.contact_info_null) {
    w.key("contact-info");
    w.null();
  }
  optional_string(w, "report-id", r.report_id);
  w.key("policies");
  w.begin_array();
  for (const auto& pr : r.policies) {
    w.begin_object();
    w.key("policy");
    emit_policy(w, pr.policy);
    w.key("summary");
    w.begin_object();
    optional_count(w, "total-successful-session-count", pr.summary.total_successful_session_count);
    optional_count(w, "total-failure-session-count", pr.summary.total_failure_session_count);
    w.end_object();
    if (pr.failure_details) {
      w.key("failure-details");
      w.begin_array();
      for (const auto& d : *pr.failure_details) emit_detail(w, d);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace tlsrpt
