// The full reader: simdjson's DOM, then one walk that fills a ReportView (views into the parser's
// strings) and makes every JSON-level finding (I-JSON, member types, duplicates, unknown members),
// then the validator (validate.cpp) on the view. It reads every text, however broken; the quick
// reader (quick_reader.hpp) hands it what it will not read itself.
//
// Why DOM and not On-Demand: validation visits every value (On-Demand checks only what is read),
// and visiting them all costs On-Demand about what the whole DOM parse costs (bench/core:
// BM_*_Baseline_SimdjsonOnDemandVisitAll against BM_*_Baseline_SimdjsonParseOnly). A walk of this
// shape on On-Demand, with its paths and member checks, measured slower than this one on the DOM.
// Compiling On-Demand for AVX2 does not change that (BM_*_OnDemandHaswellVisitAll): its stage 1
// is dispatched at run time to the best kernel even in a default build, so only the inline
// string and number parsing was the fallback kernel, and that is not where the time goes.
#include "core/json/full_reader.hpp"

#include <simdjson.h>

#include <memory>
#include <utility>

#include "core/json/template_names.hpp"
#include "core/json/validate.hpp"
#include "core/json/walk_path.hpp"

namespace tlsrpt {
namespace {

using json_walk::kMaxDepth;
using json_walk::kMaxSafeInteger;
using json_walk::MemberNames;
using json_walk::MembersRead;
using json_walk::SeenKeys;
using json_walk::WalkPath;
using namespace report_template;

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

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

class Walker : public WalkPath {
 public:
  Walker(Profile profile, Findings& out, ReportView& view) : WalkPath(profile, out), view_(view) {}

  void report(object top) {
    ReportView& r = view_;
    const auto read = template_members(top, kReportMembers, [&](std::size_t member, element v) {
      switch (member) {
        case kOrganizationName: read_string(v, r.organization_name); break;
        case kDateRange: read_date_range(v, r); break;
        case kContactInfo:
          r.contact_info_null = v.is_null();
          read_string(v, r.contact_info);
          break;
        case kReportId: read_string(v, r.report_id); break;
        case kPolicies: read_policies(v); break;
      }
    });
    if (!read.has(kDateRange)) missing("date-range");
    if (!read.has(kPolicies)) missing("policies");
  }

 private:
  void wrong_type(std::string_view name, element v, std::string_view wanted) {
    WalkPath::wrong_type(name, type_name(v.type()), wanted);
  }

  void duplicate(std::string_view key, element v) {
    add(Rule::duplicate_member, "The member name \"" + std::string(key) + "\" appears more than once here.");
    scan(v);
  }

  // Calls f(key, value) for each member, with the path extended; a repeated name is a finding and
  // only its first occurrence is read.
  template <class F>
  void members(object obj, F&& f) {
    SeenKeys seen;
    for (auto field : obj) {
      const std::string_view key = field.key;
      Step s(*this, key);
      if (seen.repeated(key))
        duplicate(key, field.value);
      else
        f(key, field.value);
    }
  }

  // For an object of the template: calls f(i, value) for the first member named names[i], and
  // unknown() for names the template does not have, with the path extended. The name lookup is
  // also the duplicate check for template members (a bit each); only unknown names need a list.
  template <std::size_t N, class F>
  MembersRead template_members(object obj, const MemberNames<N>& names, F&& f) {
    MembersRead read;
    SeenKeys unknown_seen;
    for (auto field : obj) {
      const std::string_view key = field.key;
      Step s(*this, key);
      const std::size_t i = names.find(key);
      if (i < N ? read.has(i) : unknown_seen.repeated(key)) {
        duplicate(key, field.value);
      } else if (i < N) {
        read.set(i);
        f(i, field.value);
      } else {
        unknown(key, field.value);
      }
    }
    return read;
  }

  // I-JSON checks for content the template does not describe.
  void scan(element v) {
    if (depth() >= kMaxDepth) return;  // only reachable if the parser fell back to its default depth
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
        if (x > kMaxSafeInteger || x < -kMaxSafeInteger) integer_beyond_range(std::to_string(x));
        break;
      }
      case element_type::UINT64:
        integer_beyond_range(std::to_string(v.get_uint64().value_unsafe()));
        break;
      default: break;
    }
  }

  void unknown(std::string_view key, element v) {
    add(Rule::unknown_member, "\"" + std::string(key) + "\" is not a member of the RFC 8460 template.");
    scan(v);
  }

  // A string member into `out` (a string_view or an optional one, left as it is unless the value
  // is a string); null reads as absent (the validator reports it), other types are findings.
  // Written in place: returning a std::optional stalled on store forwarding (profiled).
  template <class Out>
  void read_string(element v, Out& out) {
    if (v.type() == element_type::STRING) {
      out = v.get_string().value_unsafe();
      return;
    }
    if (v.type() != element_type::NULL_VALUE) {
      wrong_type(current_name(), v, "a string");
      scan(v);
    }
  }

  std::optional<std::int64_t> count(element v) {
    const std::string_view name = current_key();
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
    return view_range(first, texts.size());
  }

  void read_date_range(element v, ReportView& d) {
    if (!expect(v, element_type::OBJECT, "an object")) return;
    const auto read =
        template_members(v.get_object().value_unsafe(), kDateRangeMembers, [&](std::size_t member, element x) {
          read_string(x, member == kStartDatetime ? d.start_datetime : d.end_datetime);
        });
    if (!read.has(kStartDatetime)) missing("start-datetime");
    if (!read.has(kEndDatetime)) missing("end-datetime");
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
    const auto read = template_members(o, kPolicyReportMembers, [&](std::size_t member, element x) {
      switch (member) {
        case kPolicy:
          if (expect(x, element_type::OBJECT, "an object")) read_policy(x.get_object().value_unsafe(), pr);
          break;
        case kSummary:
          if (expect(x, element_type::OBJECT, "an object")) read_summary(x.get_object().value_unsafe(), pr.summary);
          break;
        case kFailureDetails:
          if (!x.is_null() && expect(x, element_type::ARRAY, "an array"))
            pr.failure_details = read_details(x.get_array().value_unsafe());
          break;
      }
    });
    if (!read.has(kPolicy)) missing("policy");
    if (!read.has(kSummary)) missing("summary");
  }

  ViewRange read_details(array a) {
    const auto first = view_.details.size();
    std::size_t j = 0;
    for (element e : a) {
      Step s(*this, j++);
      FailureDetailView& d = view_.add_detail();
      if (expect(e, element_type::OBJECT, "an object")) read_detail(e.get_object().value_unsafe(), d);
    }
    return view_range(first, view_.details.size());
  }

  void read_policy(object o, PolicyReportView& p) {
    const auto read = template_members(o, kPolicyMembers, [&](std::size_t member, element x) {
      if (member == kPolicyType) {
        if (!expect(x, element_type::STRING, "a string")) {
          p.policy_type = PolicyType::unknown;
          return;
        }
        const std::string_view t = x.get_string().value_unsafe();
        p.policy_type = policy_type_from(t);
        if (p.policy_type == PolicyType::unknown) p.policy_type_text = t;
      } else if (member == kPolicyString) {
        if (x.is_null()) return;
        if (x.type() == element_type::STRING) {
          wrong_type(kPolicyMembers[kPolicyString], x, "an array of strings");
          p.policy_string = view_.add_text(x.get_string().value_unsafe());
        } else if (expect(x, element_type::ARRAY, "an array of strings")) {
          p.policy_string = string_array(x.get_array().value_unsafe());
        }
      } else if (member == kPolicyDomain) {
        read_string(x, p.policy_domain);
      } else {
        if (x.is_null()) return;
        if (x.type() == element_type::STRING) {  // the RFC Appendix B form; the validator flags it
          p.mx_host = view_.add_text(x.get_string().value_unsafe());
          p.mx_host_as_string = true;
        } else if (expect(x, element_type::ARRAY, "an array of strings")) {
          p.mx_host = string_array(x.get_array().value_unsafe());
        }
      }
    });
    if (!read.has(kPolicyType)) {
      p.policy_type = PolicyType::unknown;
      missing("policy-type");
    }
  }

  void read_summary(object o, Summary& s) {
    template_members(o, kSummaryMembers, [&](std::size_t member, element x) {
      (member == kTotalSuccessful ? s.total_successful_session_count : s.total_failure_session_count) = count(x);
    });
  }

  void read_detail(object o, FailureDetailView& d) {
    const auto read = template_members(o, kDetailMembers, [&](std::size_t member, element x) {
      switch (member) {
        case kResultType: read_string(x, d.result_type); break;
        case kSendingMtaIp: read_string(x, d.sending_mta_ip); break;
        case kReceivingMxHostname: read_string(x, d.receiving_mx_hostname); break;
        case kReceivingIp: read_string(x, d.receiving_ip); break;
        case kFailedSessionCount: d.failed_session_count = count(x); break;
        case kFailureReasonCode: read_string(x, d.failure_reason_code); break;
        case kAdditionalInformation: read_string(x, d.additional_information); break;
        case kReceivingMxHelo: read_string(x, d.receiving_mx_helo); break;
      }
    });
    if (!read.has(kResultType)) missing("result-type");
    if (!read.has(kFailedSessionCount)) missing("failed-session-count");
  }

  ReportView& view_;
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

static_assert(kJsonPadding == simdjson::SIMDJSON_PADDING);

}  // namespace

bool full_read_report(std::string_view json, Profile profile, Findings& findings, ReportView& view,
                      std::optional<Report>* model) {
  thread_local simdjson::dom::parser reused = make_parser();
  std::unique_ptr<simdjson::dom::parser> once;
  simdjson::dom::parser* parser = &reused;
  if (json.size() > kFullReaderReuseLimit) {
    once = std::make_unique<simdjson::dom::parser>(make_parser());
    parser = once.get();
  }
  element root;
  if (const auto error = parser->parse(json.data(), json.size(), false).get(root)) {
    findings.push_back(syntax_finding(profile, error));
    return false;
  }
  if (root.type() != element_type::OBJECT) {
    add_finding(findings, profile, Rule::top_level_object, "",
                "The report is " + std::string(type_name(root.type())) + ", not a JSON object.");
    return false;
  }
  Walker walker(profile, findings, view);
  walker.report(root.get_object().value_unsafe());
  validate_view_into(view, profile, findings, &walker.reported());
  if (model) *model = view.to_report();
  return true;
}

}  // namespace tlsrpt
