// parse_report and validate_json: simdjson DOM on the hot path. One walk fills a ReportView (views
// into the parser's strings, in a per-thread view that is reused) and does the JSON-level checks
// (I-JSON, member types, duplicates); validate.cpp then checks the meaning. Nothing is allocated
// for findings unless something is wrong, and the owning Report is built only for parse_report.
#include <simdjson.h>

#include <array>
#include <memory>
#include <unordered_set>
#include <utility>

#include "core/json/codec.hpp"
#include "core/json/pointer.hpp"
#include "core/json/report_view.hpp"
#include "core/json/rules.hpp"
#include "core/json/validate.hpp"

namespace tlsrpt {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::size_t kMaxDepth = 64;                  // a report needs 5; vendor extensions get room
constexpr std::size_t kReusedParserLimit = 16u << 20;  // larger inputs get a parser that is freed after
constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53) - 1;

std::string_view type_name(element_type t) {
  switch (t) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

class Walker {
 public:
  Walker(Profile profile, Findings& out, ReportView& view) : profile_(profile), out_(out), view_(view) {}

  const std::unordered_set<std::string>& reported() const { return reported_; }

  void report(object top) {
    ReportView& r = view_;
    bool date_range = false, policies = false;
    members(top, [&](std::string_view k, element v) {
      if (k == "organization-name") {
        r.organization_name = string_value(v);
      } else if (k == "date-range") {
        date_range = true;
        read_date_range(v, r);
      } else if (k == "contact-info") {
        r.contact_info_null = v.is_null();
        r.contact_info = string_value(v);
      } else if (k == "report-id") {
        r.report_id = string_value(v);
      } else if (k == "policies") {
        policies = true;
        read_policies(v);
      } else {
        unknown(k, v);
      }
    });
    if (!date_range) missing("date-range");
    if (!policies) missing("policies");
  }

 private:
  struct Segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };

  // RAII path step: pointers are assembled from these only when a finding is made.
  class Step {
   public:
    // Field by field: a braced temporary copied in made GCC stall on store forwarding (profiled).
    Step(Walker& w, std::string_view key) : w_(w) { set(w_.path_[w_.depth_++], key, 0, false); }
    Step(Walker& w, std::size_t index) : w_(w) { set(w_.path_[w_.depth_++], {}, index, true); }
    ~Step() { --w_.depth_; }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    static void set(Segment& s, std::string_view key, std::size_t index, bool is_index) {
      s.key = key;
      s.index = index;
      s.is_index = is_index;
    }
    Walker& w_;
  };

  std::string pointer() const {
    std::string p;
    for (std::size_t i = 0; i < depth_; ++i) {
      if (path_[i].is_index)
        json_pointer::append(p, path_[i].index);
      else
        json_pointer::append(p, path_[i].key);
    }
    return p;
  }

  void add(Rule rule, std::string message) {
    if (rule_level(rule, profile_) == Level::off) return;
    std::string where = pointer();
    reported_.insert(where);
    add_finding(out_, profile_, rule, std::move(where), std::move(message));
  }

  void missing(std::string_view name) {
    Step s(*this, name);
    add(Rule::required_member, std::string(name) + " is missing.");
  }

  void wrong_type(std::string_view name, element v, std::string_view wanted) {
    add(Rule::member_type, std::string(name) + " is " + std::string(type_name(v.type())) + ", not " +
                               std::string(wanted) + ".");
  }

  // The member name at the current path step, or "element N" inside an array.
  std::string current_name() const {
    const Segment& s = path_[depth_ - 1];
    return s.is_index ? "element " + std::to_string(s.index) : std::string(s.key);
  }

  // Calls f(key, value) for each member, with the path extended; a repeated name is a finding and
  // only its first occurrence is read.
  template <class F>
  void members(object obj, F&& f) {
    constexpr std::size_t kLinear = 16;
    struct Key {  // left uninitialised: zeroing the array per object showed in profiles
      const char* data;
      std::size_t size;
      std::string_view view() const { return {data, size}; }
    };
    Key seen[kLinear];
    std::size_t n = 0;
    std::unique_ptr<std::unordered_set<std::string_view>> many;
    for (auto field : obj) {
      const std::string_view key = field.key;
      bool duplicate = false;
      if (!many) {
        for (std::size_t i = 0; i < n && !duplicate; ++i) duplicate = seen[i].view() == key;
        if (!duplicate) {
          if (n < kLinear) {
            seen[n++] = {key.data(), key.size()};
          } else {
            many = std::make_unique<std::unordered_set<std::string_view>>();
            for (const Key& k : seen) many->insert(k.view());
            many->insert(key);
          }
        }
      } else {
        duplicate = !many->insert(key).second;
      }
      Step s(*this, key);
      if (duplicate) {
        add(Rule::duplicate_member, "The member name \"" + std::string(key) + "\" appears more than once here.");
        scan(field.value);
        continue;
      }
      f(key, field.value);
    }
  }

  // I-JSON checks for content the template does not describe.
  void scan(element v) {
    if (depth_ >= kMaxDepth) return;  // only reachable if the parser fell back to its default depth
    switch (v.type()) {
      case element_type::OBJECT:
        members(v.get_object().value_unsafe(), [&](std::string_view, element child) { scan(child); });
        break;
      case element_type::ARRAY: {
        std::size_t i = 0;
        const array a = v.get_array().value_unsafe();
        for (element child : a) {
          Step s(*this, i++);
          scan(child);
        }
        break;
      }
      case element_type::INT64: {
        const std::int64_t x = v.get_int64().value_unsafe();
        if (x > kMaxSafeInteger || x < -kMaxSafeInteger)
          add(Rule::integer_range, "The integer " + std::to_string(x) + " is beyond 2^53-1.");
        break;
      }
      case element_type::UINT64:
        add(Rule::integer_range,
            "The integer " + std::to_string(v.get_uint64().value_unsafe()) + " is beyond 2^53-1.");
        break;
      default: break;
    }
  }

  void unknown(std::string_view key, element v) {
    add(Rule::unknown_member, "\"" + std::string(key) + "\" is not a member of the RFC 8460 template.");
    scan(v);
  }

  // A string member; null reads as absent (the validator reports it), other types are findings.
  std::optional<std::string_view> string_value(element v, std::string_view name = {}) {
    if (v.type() == element_type::STRING) return v.get_string().value_unsafe();
    if (v.type() != element_type::NULL_VALUE) {
      wrong_type(name.empty() ? current_name() : std::string(name), v, "a string");
      scan(v);
    }
    return std::nullopt;
  }

  std::optional<std::int64_t> count(element v) {
    const std::string_view name = path_[depth_ - 1].key;
    switch (v.type()) {
      case element_type::INT64: {
        const std::int64_t x = v.get_int64().value_unsafe();
        if (x >= 0 && x <= kMaxSafeInteger) return x;
        add(Rule::session_count, std::string(name) + " is " + std::to_string(x) +
                                     ", not an integer from 0 to 2^53-1.");
        return std::nullopt;
      }
      case element_type::UINT64:
        add(Rule::session_count, std::string(name) + " is " + std::to_string(v.get_uint64().value_unsafe()) +
                                     ", beyond 2^53-1.");
        return std::nullopt;
      case element_type::DOUBLE:
        add(Rule::session_count, std::string(name) + " is a fractional or exponent number, not an integer.");
        return std::nullopt;
      case element_type::NULL_VALUE:
        return std::nullopt;
      default:
        add(Rule::session_count, std::string(name) + " is " + std::string(type_name(v.type())) +
                                     ", not an integer.");
        scan(v);
        return std::nullopt;
    }
  }

  bool expect(element v, element_type t, std::string_view wanted) {
    if (v.type() == t) return true;
    wrong_type(current_name(), v, wanted);
    scan(v);
    return false;
  }

  // Appends the array's strings to the view's texts (non-strings as empty strings).
  ViewRange string_array(array a) {
    std::vector<std::string_view>& texts = view_.texts;
    const auto first = texts.size();
    std::size_t i = 0;
    for (element e : a) {
      Step s(*this, i++);
      if (e.type() == element_type::STRING) {
        texts.push_back(e.get_string().value_unsafe());
      } else {
        add(Rule::member_type, "This element is " + std::string(type_name(e.type())) + ", not a string.");
        scan(e);
        texts.emplace_back();
      }
    }
    return range(first, texts.size());
  }

  static ViewRange range(std::size_t first, std::size_t end) {
    return {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(end - first)};
  }

  ViewRange one_text(std::string_view text) {
    view_.texts.push_back(text);
    return range(view_.texts.size() - 1, view_.texts.size());
  }

  void read_date_range(element v, ReportView& d) {
    if (!expect(v, element_type::OBJECT, "an object")) return;
    bool start = false, end = false;
    members(v.get_object().value_unsafe(), [&](std::string_view k, element x) {
      if (k == "start-datetime") {
        start = true;
        d.start_datetime = string_value(x).value_or("");
      } else if (k == "end-datetime") {
        end = true;
        d.end_datetime = string_value(x).value_or("");
      } else {
        unknown(k, x);
      }
    });
    if (!start) missing("start-datetime");
    if (!end) missing("end-datetime");
  }

  void read_policies(element v) {
    if (!expect(v, element_type::ARRAY, "an array")) return;
    const array a = v.get_array().value_unsafe();
    std::size_t i = 0;
    for (element e : a) {
      Step s(*this, i++);
      view_.policies.emplace_back();
      if (!expect(e, element_type::OBJECT, "an object")) continue;
      read_policy_report(e.get_object().value_unsafe(), view_.policies.size() - 1);
    }
  }

  // By index: reading a policy appends to the view's vectors, not to the policies.
  void read_policy_report(object o, std::size_t index) {
    PolicyReportView& pr = view_.policies[index];
    bool policy = false, summary = false;
    members(o, [&](std::string_view k, element x) {
      if (k == "policy") {
        policy = true;
        if (expect(x, element_type::OBJECT, "an object")) read_policy(x.get_object().value_unsafe(), pr);
      } else if (k == "summary") {
        summary = true;
        if (expect(x, element_type::OBJECT, "an object")) read_summary(x.get_object().value_unsafe(), pr.summary);
      } else if (k == "failure-details") {
        if (x.is_null()) return;
        if (!expect(x, element_type::ARRAY, "an array")) return;
        std::vector<FailureDetailView>& details = view_.details;
        const auto first = details.size();
        const array a = x.get_array().value_unsafe();
        std::size_t j = 0;
        for (element e : a) {
          Step s(*this, j++);
          details.emplace_back();
          if (expect(e, element_type::OBJECT, "an object"))
            read_detail(e.get_object().value_unsafe(), details.back());
        }
        pr.failure_details = range(first, details.size());
      } else {
        unknown(k, x);
      }
    });
    if (!policy) missing("policy");
    if (!summary) missing("summary");
  }

  void read_policy(object o, PolicyReportView& p) {
    bool type = false;
    members(o, [&](std::string_view k, element x) {
      if (k == "policy-type") {
        type = true;
        if (!expect(x, element_type::STRING, "a string")) {
          p.policy_type = PolicyType::unknown;
          return;
        }
        const std::string_view t = x.get_string().value_unsafe();
        p.policy_type = policy_type_from(t);
        if (p.policy_type == PolicyType::unknown) p.policy_type_text = t;
      } else if (k == "policy-string") {
        if (x.is_null()) return;
        if (x.type() == element_type::STRING) {
          wrong_type(k, x, "an array of strings");
          p.policy_string = one_text(x.get_string().value_unsafe());
        } else if (expect(x, element_type::ARRAY, "an array of strings")) {
          p.policy_string = string_array(x.get_array().value_unsafe());
        }
      } else if (k == "policy-domain") {
        p.policy_domain = string_value(x);
      } else if (k == "mx-host") {
        if (x.is_null()) return;
        if (x.type() == element_type::STRING) {  // the RFC Appendix B form; the validator flags it
          p.mx_host = one_text(x.get_string().value_unsafe());
          p.mx_host_as_string = true;
        } else if (expect(x, element_type::ARRAY, "an array of strings")) {
          p.mx_host = string_array(x.get_array().value_unsafe());
        }
      } else {
        unknown(k, x);
      }
    });
    if (!type) {
      p.policy_type = PolicyType::unknown;
      missing("policy-type");
    }
  }

  void read_summary(object o, Summary& s) {
    members(o, [&](std::string_view k, element x) {
      if (k == "total-successful-session-count")
        s.total_successful_session_count = count(x);
      else if (k == "total-failure-session-count")
        s.total_failure_session_count = count(x);
      else
        unknown(k, x);
    });
  }

  void read_detail(object o, FailureDetailView& d) {
    bool result_type = false, failed = false;
    members(o, [&](std::string_view k, element x) {
      if (k == "result-type") {
        result_type = true;
        d.result_type = string_value(x).value_or("");
      } else if (k == "sending-mta-ip") {
        d.sending_mta_ip = string_value(x);
      } else if (k == "receiving-mx-hostname") {
        d.receiving_mx_hostname = string_value(x);
      } else if (k == "receiving-mx-helo") {
        d.receiving_mx_helo = string_value(x);
      } else if (k == "receiving-ip") {
        d.receiving_ip = string_value(x);
      } else if (k == "failed-session-count") {
        failed = true;
        d.failed_session_count = count(x);
      } else if (k == "additional-information") {
        d.additional_information = string_value(x);
      } else if (k == "failure-reason-code") {
        d.failure_reason_code = string_value(x);
      } else {
        unknown(k, x);
      }
    });
    if (!result_type) missing("result-type");
    if (!failed) missing("failed-session-count");
  }

  Profile profile_;
  Findings& out_;
  ReportView& view_;
  std::array<Segment, kMaxDepth + 4> path_{};
  std::size_t depth_ = 0;
  std::unordered_set<std::string> reported_;  // pointers flagged here; validate.cpp stays quiet below them
};

simdjson::dom::parser make_parser() {
  simdjson::dom::parser p;
  if (p.allocate(64 * 1024, kMaxDepth) != simdjson::SUCCESS) {
    // Left unallocated: the first parse allocates with simdjson's defaults, or reports MEMALLOC.
  }
  return p;
}

Finding syntax_finding(Profile profile, simdjson::error_code error) {
  Findings f;
  switch (error) {
    case simdjson::UTF8_ERROR:
      add_finding(f, profile, Rule::utf8, "", "The report is not valid UTF-8.");
      break;
    case simdjson::DEPTH_ERROR:
      add_finding(f, profile, Rule::nesting_depth, "",
                  "The JSON nests deeper than " + std::to_string(kMaxDepth) + " levels.");
      break;
    case simdjson::EMPTY:
      add_finding(f, profile, Rule::json_syntax, "", "The input is empty or holds only white space.");
      break;
    case simdjson::NUMBER_ERROR:
      add_finding(f, profile, Rule::json_syntax, "",
                  "A number is malformed or too large for any JSON reader (beyond 64-bit integers and doubles).");
      break;
    case simdjson::CAPACITY:
    case simdjson::MEMALLOC:
      add_finding(f, profile, Rule::json_syntax, "", "The input is too large to parse.");
      break;
    default:
      add_finding(f, profile, Rule::json_syntax, "",
                  std::string("The input is not well-formed JSON (") + simdjson::error_message(error) + ").");
  }
  return f.front();
}

// Parses, walks and validates into `findings`, then calls use(view) while the parsed document the
// view points into is alive; `use` is not called when the input is not a JSON object.
template <class Use>
void read_report(std::string_view json, Profile profile, Findings& findings, Use&& use) {
  thread_local simdjson::dom::parser reused = make_parser();
  thread_local ReportView scratch;
  std::unique_ptr<simdjson::dom::parser> once;
  simdjson::dom::parser* parser = &reused;
  if (json.size() > kReusedParserLimit) {
    once = std::make_unique<simdjson::dom::parser>(make_parser());
    parser = once.get();
  }
  element root;
  if (json.empty()) json = std::string_view("", 0);  // simdjson copies from data(): never hand it null
  if (const auto error = parser->parse(json.data(), json.size(), true).get(root)) {
    findings.push_back(syntax_finding(profile, error));
    return;
  }
  if (root.type() != element_type::OBJECT) {
    add_finding(findings, profile, Rule::top_level_object, "",
                "The report is " + std::string(type_name(root.type())) + ", not a JSON object.");
    return;
  }
  scratch.clear();
  Walker walker(profile, findings, scratch);
  walker.report(root.get_object().value_unsafe());
  validate_view_into(scratch, profile, findings, &walker.reported());
  use(std::as_const(scratch));
  scratch.clear();  // gives a huge report's memory back at once
}

}  // namespace

ParseResult parse_report(std::string_view json, Profile profile) {
  ParseResult result;
  read_report(json, profile, result.findings, [&](const ReportView& view) { result.report = view.to_report(); });
  return result;
}

Findings validate_json(std::string_view json, Profile profile) {
  Findings findings;
  read_report(json, profile, findings, [](const ReportView&) {});
  return findings;
}

}  // namespace tlsrpt
