// A reporter personality: every way one real reporter's output differs from another's, as plain
// data (reference/reporter-quirks.md §2). The JSON writer, the e-mail shaper and the synthesizer
// read these fields; adding a reporter is adding a row to personalities.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tlsrpt::gen {

enum class TopKeyOrder { report_id_before_policies, report_id_last };
enum class PolicyKeyOrder { policy_first, summary_first };
enum class SummaryKeyOrder { successful_first, failure_first };
enum class EndOfDay { inclusive_235959, exclusive_next_midnight };
enum class ReportIdStyle { start_and_domain, filetime_and_domain, uuid_at_host, unix_and_hash, start_idx_domain, uuid };
enum class MxHostField { always, never, always_even_empty, only_if_nonempty };
enum class StsLineOrder { as_published, version_mode_mx_maxage, version_mode_maxage_mx };
enum class TlsaStrings { one_per_rr, json_array_in_one_string };
enum class ReasonCodes { none, go_error_text, openssl_on_should, openssl_everywhere };
enum class SubjectId { dotted_at_submitter, bare, angle_same_as_json, angle_no_at, angle_at_submitter };
enum class FilenameUniqueId { counter_001, filetime, none, index };

struct Personality {
  std::string_view name = {};     // stable option value: "google", "microsoft-2023", ...
  std::string_view summary = {};  // one line for --list-personalities

  // Identity (defaults; a profile's reporter entry may override them).
  std::string_view organization = {};
  std::string_view contact = {};        // empty = JSON null
  std::string_view submitter = {};      // TLS-Report-Submitter and filename sender
  std::string_view dkim_domain = {};    // d= of the signature

  // JSON shape.
  bool pretty = false;
  bool trailing_newline = false;
  TopKeyOrder top_order = TopKeyOrder::report_id_before_policies;
  PolicyKeyOrder policy_order = PolicyKeyOrder::policy_first;
  SummaryKeyOrder summary_order = SummaryKeyOrder::successful_first;
  EndOfDay end_of_day = EndOfDay::inclusive_235959;
  bool datetime_without_zone = false;
  ReportIdStyle report_id = ReportIdStyle::uuid;
  bool empty_report_id_domain_sometimes = false;  // Microsoft 2025: "133944884956529435+"
  MxHostField mx_host = MxHostField::always;
  bool no_policy_found_has_domain = true;
  bool no_policy_found_empty_arrays = false;  // policy-string [] and mx-host [] (Stalwart)
  StsLineOrder sts_order = StsLineOrder::version_mode_mx_maxage;
  TlsaStrings tlsa_strings = TlsaStrings::one_per_rr;
  bool tlsa_domain_is_recipient = false;       // §1.1 says the MX host (TLSA base domain)
  bool failure_details_when_none = false;      // "failure-details": [] with zero failures
  bool minimal_fetch_error = false;            // sts-policy-fetch-error: no policy-string, bare detail
  bool sum_exceeds_total_sometimes = false;    // Mail.ru: two details of 1 beside a total of 1
  bool fetch_error_drops_policy_string = false;  // Mail.ru: no policy-string / mx-host on fetch errors
  bool sts_and_tlsa_together = false;          // Microsoft: sts + tlsa policy for one domain
  bool detail_has_helo = false;                // Postfix: receiving-mx-helo when the MTA knows it
  ReasonCodes reason_codes = ReasonCodes::openssl_on_should;

  // Container shape.
  FilenameUniqueId filename_id = FilenameUniqueId::counter_001;
  std::uint8_t gzip_xfl = 0, gzip_os = 3;      // RFC 1952 header bytes 8 and 9
  SubjectId subject_id = SubjectId::angle_same_as_json;
  std::string_view from_display = "TLS Reports";  // "" = a bare <address> (Microsoft)
  std::string_view first_part_type = "text/plain";
  bool report_type_quoted = true;
  bool report_type_after_boundary = false;
  bool missing_closing_boundary = false;
  bool dkim_covers_report_headers = true;
  std::string_view extra_headers = {};              // CRLF-terminated header lines added verbatim
  int delivery_delay_minutes = 120;            // Date: header, after the end of the report day

  // Whether `check --profile strict` accepts the JSON; if not, which rules it breaks (by design).
  bool strict_valid = true;
  std::string_view breaks = {};                     // "" or a short list of the rules broken
};

std::span<const Personality> personalities();
const Personality* find_personality(std::string_view name);  // nullptr if unknown

}  // namespace tlsrpt::gen
