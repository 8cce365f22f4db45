#include "generators/output/report_json.hpp"

#include <charconv>

namespace tlsrpt::gen {
namespace {

class Writer {
 public:
  Writer(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

  void open(char c) {
    out_ += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out_ += c;
    first_ = false;
  }
  void key(std::string_view k) {
    separator();
    append_json_string(out_, k);
    out_ += pretty_ ? ": " : ":";
  }
  void element() { separator(); }
  void str(std::string_view v) { append_json_string(out_, v); }
  void num(std::int64_t v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    (void)ec;
    out_.append(buf, end);
  }
  void null() { out_ += "null"; }
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
    if (!first_) out_ += ',';
    newline();
    first_ = false;
  }
  void newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  std::string& out_;
  bool pretty_;
  int depth_ = 0;
  bool first_ = true;
};

void opt_str(Writer& w, std::string_view k, const std::optional<std::string>& v) {
  if (!v) return;
  w.key(k);
  w.str(*v);
}
void opt_num(Writer& w, std::string_view k, const std::optional<std::int64_t>& v) {
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
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
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
  if (shape.trailing_newline) out += '\n';
}

std::string report_json(const Report& report, const JsonShape& shape) {
  std::string out;
  write_report_json(report, shape, out);
  return out;
}

}  // namespace tlsrpt::gen
