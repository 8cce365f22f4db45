#include "core/json/rules.hpp"

#include <array>

namespace tlsrpt {
namespace {

constexpr Level E = Level::error;
constexpr Level W = Level::warning;
constexpr Level O = Level::off;

constexpr std::array kRules{
    RuleInfo{Rule::json_syntax, "8259-2-json-syntax", "RFC 8259 §2", E, E,
             "The report is a well-formed JSON text."},
    RuleInfo{Rule::utf8, "7493-2.1-utf8", "RFC 7493 §2.1", E, E, "The report is valid UTF-8."},
    RuleInfo{Rule::duplicate_member, "7493-2.3-duplicate-member", "RFC 7493 §2.3", E, E,
             "No object has two members with the same name, at any depth."},
    RuleInfo{Rule::integer_range, "7493-2.2-integer-range", "RFC 7493 §2.2", E, E,
             "Every integer lies within plus or minus 2^53-1 so any I-JSON reader sees it exactly."},
    RuleInfo{Rule::top_level_object, "8460-4-top-level-object", "RFC 8460 §4", E, E,
             "The report is one JSON object."},
    RuleInfo{Rule::nesting_depth, "8460-4-nesting-depth", "RFC 8460 §4", E, E,
             "Nesting stays within the parser's depth limit (a report needs five levels)."},
    RuleInfo{Rule::member_type, "8460-4.4-member-type", "RFC 8460 §4.4", E, E,
             "Each member has the JSON type the §4.4 template gives it."},
    RuleInfo{Rule::unknown_member, "8460-4.4-unknown-member", "RFC 8460 §4.4", W, O,
             "Members not in the §4.4 template are flagged in strict and ignored in lenient."},
    RuleInfo{Rule::required_member, "8460-4.4-required-member", "RFC 8460 §4.4", E, E,
             "Structural members without which the report cannot be read are present: date-range and "
             "its two date-times, policies, policy, policy-type, summary, result-type, failed-session-count."},
    RuleInfo{Rule::missing_member, "8460-4.4-missing-member", "RFC 8460 §4.4", E, W,
             "Descriptive members the template lists are present and not null: organization-name, "
             "contact-info, report-id, policy-domain, policy-string (sts, tlsa), both summary counts."},
    RuleInfo{Rule::detail_member, "8460-4.4-failure-detail-member", "RFC 8460 §4.4", E, O,
             "Each failure detail names sending-mta-ip, receiving-mx-hostname and receiving-ip."},
    RuleInfo{Rule::empty_string, "8460-4.4-empty-string", "RFC 8460 §4.4", E, O,
             "Descriptive strings are not empty (lenient accepts empty optional fields)."},
    RuleInfo{Rule::date_time, "3339-5.6-date-time", "RFC 3339 §5.6", E, E,
             "start-datetime and end-datetime are RFC 3339 date-times."},
    RuleInfo{Rule::time_offset, "3339-5.6-time-offset", "RFC 3339 §5.6", E, W,
             "Date-times carry Z or a numeric offset; lenient reads a missing one as UTC."},
    RuleInfo{Rule::date_order, "8460-4.4-date-order", "RFC 8460 §4.4", E, E,
             "start-datetime is before end-datetime."},
    RuleInfo{Rule::day_start, "8460-4.1-day-start", "RFC 8460 §4.1", W, W,
             "The range SHOULD start at 00:00:00 UTC (a SHOULD, so a warning)."},
    RuleInfo{Rule::day_end, "8460-4.1-day-end", "RFC 8460 §4.1", W, W,
             "The range SHOULD cover one UTC day: end at 23:59:59Z of the start day or 00:00:00Z of the "
             "next (a SHOULD, so a warning)."},
    RuleInfo{Rule::contact_info, "5322-3.4.1-addr-spec", "RFC 5322 §3.4.1", E, W,
             "contact-info is an e-mail addr-spec (local-part@domain)."},
    RuleInfo{Rule::policies_empty, "8460-4-policies-empty", "RFC 8460 §4", W, W,
             "policies holds at least one policy."},
    RuleInfo{Rule::policy_type, "8460-4.4-policy-type", "RFC 8460 §4.4", W, W,
             "policy-type is tlsa, sts or no-policy-found; other values are flagged, not rejected."},
    RuleInfo{Rule::policy_domain, "8460-4.4-policy-domain", "RFC 8460 §4.4", E, W,
             "policy-domain is a domain name in A-labels (LDH, Punycode for IDN)."},
    RuleInfo{Rule::mx_host_array, "8460-4.4-mx-host-array", "RFC 8460 §4.4 (EID 6241)", E, W,
             "mx-host is a JSON array of strings, not a single string."},
    RuleInfo{Rule::mx_host_pattern, "8460-4.4-mx-host-pattern", "RFC 8460 §4.4, RFC 8461 §4.1", E, W,
             "Each mx-host element is a host name or a *. wildcard pattern in A-labels."},
    RuleInfo{Rule::mx_host_sts_only, "8460-4.4-mx-host-sts-only", "RFC 8460 §4.4", W, O,
             "mx-host appears only when policy-type is sts."},
    RuleInfo{Rule::sts_policy_string, "8460-4.5-sts-policy-string", "RFC 8460 §4.5, RFC 8461 §3.2", E, W,
             "An sts policy-string has one \"key: value\" line per element with version: STSv1, a mode, "
             "max_age and mx lines (errors in a policy reported as sts-policy-invalid are only warned)."},
    RuleInfo{Rule::tlsa_policy_string, "8460-4.5-tlsa-policy-string", "RFC 8460 §4.5", E, W,
             "A tlsa policy-string element is one TLSA RR: usage selector matching-type hex-data."},
    RuleInfo{Rule::tlsa_json_in_string, "8460-4.5-tlsa-json-in-string", "RFC 8460 §4.5", E, W,
             "A tlsa policy-string element is not a JSON-encoded array of records inside one string."},
    RuleInfo{Rule::session_count, "8460-4.4-session-count", "RFC 8460 §4.4", E, E,
             "Session counts are non-negative integers no larger than 2^53-1 (no floats, strings, negatives)."},
    RuleInfo{Rule::failure_details, "8460-4.4-failure-details", "RFC 8460 §4.4", E, W,
             "failure-details is present when total-failure-session-count is above zero."},
    RuleInfo{Rule::failure_count_sum, "8460-4-failure-count-sum", "RFC 8460 §4", W, O,
             "The failed-session-counts are consistent with total-failure-session-count (types may "
             "overlap, so a mismatch is at most a warning)."},
    RuleInfo{Rule::result_type, "8460-6.6-result-type", "RFC 8460 §4.3, §6.6", W, W,
             "result-type is in the IANA registry; new values arrive by Expert Review, so unknown ones "
             "are warnings."},
    RuleInfo{Rule::sending_mta_ip, "8460-4.4-sending-mta-ip", "RFC 8460 §4.4", E, W,
             "sending-mta-ip is an IPv4 dotted-quad or an IPv6 address."},
    RuleInfo{Rule::receiving_ip, "8460-4.4-receiving-ip", "RFC 8460 §4.4", E, W,
             "receiving-ip is an IPv4 dotted-quad or an IPv6 address."},
    RuleInfo{Rule::ipv6_canonical, "5952-4-ipv6-canonical", "RFC 5952 §4", W, O,
             "IPv6 addresses are written in RFC 5952 canonical form."},
    RuleInfo{Rule::receiving_mx_hostname, "8460-4.4-receiving-mx-hostname", "RFC 8460 §4.4", E, W,
             "receiving-mx-hostname is a host name in A-labels."},
    RuleInfo{Rule::additional_information, "8460-4.4-additional-information", "RFC 8460 §4.4, RFC 3986", E, W,
             "additional-information is a URI (scheme, no spaces or control characters)."},
    RuleInfo{Rule::failure_reason_code, "8460-4.3.1-failure-reason-code", "RFC 8460 §4.3.1", W, O,
             "certificate-not-trusted and validation-failure details SHOULD carry a failure-reason-code."},
    RuleInfo{Rule::gzip_stream, "1952-2-gzip-stream", "RFC 1952 §2, RFC 8460 §5.2", E, E,
             "A gzipped report is one intact gzip stream: not truncated, no corrupt data, CRC correct."},
    RuleInfo{Rule::inflate_limit, "8460-5.2-inflate-limit", "RFC 8460 §5.2, §7", E, E,
             "A gzipped report inflates within the size cap and a sane compression ratio (no bombs)."},
    RuleInfo{Rule::email_report_part, "8460-5.3-report-part", "RFC 8460 §5.3", E, E,
             "Report mail has a part of type application/tlsrpt+gzip or application/tlsrpt+json."},
    // Findings of the mail parser (core/formats/report_email.hpp), listed here so the table is whole.
    RuleInfo{Rule::email_report_type, "8460-5.3-report-type", "RFC 8460 §5.3", W, W,
             "The top level is multipart/report with report-type=\"tlsrpt\"."},
    RuleInfo{Rule::email_media_type, "8460-5.3-media-type", "RFC 8460 §5.3, §6.4, §6.5", W, W,
             "The report part is application/tlsrpt+gzip or application/tlsrpt+json and its content agrees."},
    RuleInfo{Rule::email_filename, "8460-5.1-filename", "RFC 8460 §5.1", W, W,
             "The report part is named sender!policy-domain!begin!end[!id].json[.gz]."},
    RuleInfo{Rule::email_subject_form, "8460-5.3-subject-form", "RFC 8460 §5.3", W, W,
             "The Subject reads \"Report Domain: D Submitter: S Report-ID: <id@host>\"."},
    RuleInfo{Rule::email_date, "5322-3.6.1-date", "RFC 5322 §3.6.1", W, W,
             "The mail has an RFC 5322 Date header."},
    RuleInfo{Rule::email_message_id, "5322-3.6.4-message-id", "RFC 5322 §3.6.4", W, W,
             "The mail has a Message-ID header."},
    RuleInfo{Rule::email_close_delimiter, "2046-5.1.1-close-delimiter", "RFC 2046 §5.1.1", W, W,
             "Every multipart ends with its closing boundary."},
    RuleInfo{Rule::email_submitter, "8460-5.3-tls-report-submitter", "RFC 8460 §5.3", E, W,
             "Report mail carries a TLS-Report-Submitter header."},
    RuleInfo{Rule::email_submitter_match, "8460-5.3-submitter-contact-info", "RFC 8460 §5.3", E, W,
             "TLS-Report-Submitter equals the domain of the report's contact-info."},
    RuleInfo{Rule::email_domain, "8460-5.3-tls-report-domain", "RFC 8460 §5.3", E, W,
             "Report mail carries a TLS-Report-Domain header."},
    RuleInfo{Rule::email_domain_match, "8460-5.6-report-domain", "RFC 8460 §5.3, §5.6", W, O,
             "TLS-Report-Domain names a policy-domain of the report (the body is authoritative)."},
    RuleInfo{Rule::email_subject_domain, "8460-5.6-subject-domain", "RFC 8460 §5.6", W, O,
             "The Subject's Domain names a policy-domain of the report (the body is authoritative)."},
    RuleInfo{Rule::email_subject_report_id, "8460-5.6-subject-report-id", "RFC 8460 §5.6", W, O,
             "The Subject's Report-ID matches the report-id (the body is authoritative)."},
    RuleInfo{Rule::email_dkim, "8460-3-dkim-signature", "RFC 8460 §3", E, W,
             "Report mail MUST carry a DKIM signature by the reporting domain."},
};

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < kRules.size(); ++i)
    if (static_cast<std::size_t>(kRules[i].rule) != i) return false;
  return true;
}
static_assert(table_in_enum_order(), "kRules must list every Rule in enum order");
static_assert(kRules.back().rule == Rule::email_dkim);

}  // namespace

std::span<const RuleInfo> rules() { return kRules; }

const RuleInfo& rule_info(Rule rule) { return kRules[static_cast<std::size_t>(rule)]; }

Level rule_level(Rule rule, Profile profile) {
  const auto& r = rule_info(rule);
  return profile == Profile::strict ? r.strict : r.lenient;
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::off: return "ignored";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "?";
}

std::string_view to_string(Profile profile) { return profile == Profile::strict ? "strict" : "lenient"; }

std::string_view severity_text(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

void add_finding(Findings& out, Profile profile, Rule rule, std::string where, std::string message) {
  const Level level = rule_level(rule, profile);
  if (level == Level::off) return;
  out.push_back(Finding{level == Level::error ? Severity::error : Severity::warning, std::move(where),
                        std::string(rule_info(rule).id), std::move(message)});
}

}  // namespace tlsrpt
