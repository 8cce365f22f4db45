// The one table of validation rules: stable id (RFC number, section, topic), the section, what each
// profile makes of a breach, and what the rule requires. Docs, tests and `check --list-rules` read it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/json/codec.hpp"
#include "core/report/finding.hpp"

namespace tlsrpt {

enum class Rule : std::uint8_t {
  // I-JSON and JSON text
  json_syntax, utf8, duplicate_member, integer_range, top_level_object, nesting_depth,
  // report shape
  member_type, unknown_member, required_member, missing_member, detail_member, empty_string,
  // date-range
  date_time, time_offset, date_order, day_start, day_end,
  // report metadata
  contact_info, policies_empty,
  // policy
  policy_type, policy_domain, mx_host_array, mx_host_pattern, mx_host_sts_only, sts_policy_string,
  tlsa_policy_string, tlsa_json_in_string,
  // summary and failure details
  session_count, failure_details, failure_count_sum, result_type, sending_mta_ip, receiving_ip,
  ipv6_canonical, receiving_mx_hostname, additional_information, failure_reason_code,
  // containers: gzip (§5.2) and report e-mail (§5.3) against the body
  gzip_stream, inflate_limit, email_report_part, email_report_type, email_media_type, email_filename,
  email_subject_form, email_date, email_message_id, email_close_delimiter, email_submitter,
  email_submitter_match, email_domain, email_domain_match, email_subject_domain, email_subject_report_id,
  email_dkim,
};

enum class Level : std::uint8_t { off, warning, error };

struct RuleInfo {
  Rule rule;
  std::string_view id;       // "8460-4.4-receiving-ip": never renumbered
  std::string_view section;  // "RFC 8460 §4.4"
  Level strict;
  Level lenient;
  std::string_view text;     // what the rule requires, one sentence
};

std::span<const RuleInfo> rules();
const RuleInfo& rule_info(Rule rule);
Level rule_level(Rule rule, Profile profile);
std::string_view to_string(Level level);
std::string_view to_string(Profile profile);
std::string_view severity_text(Severity severity);

// Appends a finding for `rule` at `where` unless the profile turns the rule off.
void add_finding(Findings& out, Profile profile, Rule rule, std::string where, std::string message);

}  // namespace tlsrpt
