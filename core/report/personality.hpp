// Reporter personalities: every documented way one real TLS-RPT reporter's output differs from
// another's (reference/reporter-quirks.md), one row per reporter, each quirk one field. The
// simulator's report builder (sim/mta/report) and the generator (generators/) both read this
// table; docs/personalities.md says which quirk each of them applies. A default-constructed
// Personality is the simulator's strict RFC 8460 reporter ("strict").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/util/rng.hpp"

namespace tlsrpt {

enum class ReportIdScheme {
  date_domain_hex_at_sender,  // "<YYYYMMDD>.<policy-domain>.<16 hex>@<sender>": unique, msg-id form
  start_domain,               // Google: "<start-datetime>_<policy-domain>"
  filetime_domain,            // Microsoft: "<FILETIME of generation>+<policy-domain>"
  uuid_at_sender,             // Mail.ru: "<uuid>@<sender>"
  unix_hash,                  // Stalwart: "<start unix time>_<u64 policy hash>"
  start_idx_domain,           // Postfix/sys4: "<YYYY-MM-DD>T00:00:00Z_idx<N>_<policy-domain>"
  uuid,                       // a bare UUID (the RFC's examples)
  date_domain_at_sender,      // mox: "<YYYYMMDD>.<policy-domain>@<sender>"
};
enum class EndOfDay { last_second, next_midnight };  // "…T23:59:59Z" (RFC App. B) vs next "…T00:00:00Z"
enum class StsLineOrder {
  as_published,            // the fetched lines in file order (§4.5; Google)
  version_mode_mx_maxage,  // canonical (Microsoft)
  version_mode_maxage_mx,  // Stalwart
};
enum class TlsaStringForm { per_record, json_in_string };  // Microsoft: one JSON-encoded array string
enum class MxHostForm { when_present, never };  // sts mx-host; `every_key_always` writes it even empty
enum class FilenameUniqueId { random_hex, counter_001, filetime, index, none };  // §5.1 "!unique-id"
enum class ReasonCodes { none, go_error_text, openssl_on_should, openssl_everywhere };
enum class TopKeyOrder { report_id_before_policies, report_id_last };
enum class PolicyKeyOrder { policy_first, summary_first };
enum class SummaryKeyOrder { successful_first, failure_first };
enum class SubjectId { dotted_at_submitter, bare, angle_same_as_json, angle_no_at, angle_at_submitter };

struct Personality {
  std::string_view name = "strict";  // stable option value: "google", "microsoft-2023", ...
  std::string_view summary = "RFC 8460 as written, with unique msg-id report ids (the simulator's default)";
  bool offered_by_generate = true;   // false: the simulator's own reporters (strict, mox)

  // Identity, for the generator (the simulator's senders bring theirs from the scenario).
  std::string_view organization = "Sender Example Inc.";
  std::string_view contact = "tlsrpt@sender.example";  // empty = JSON null
  std::string_view submitter = "sender.example";         // TLS-Report-Submitter and filename sender
  std::string_view dkim_domain = "sender.example";       // d= of the signature

  // Report content.
  ReportIdScheme report_id = ReportIdScheme::date_domain_hex_at_sender;
  bool empty_report_id_domain_sometimes = false;  // Microsoft 2025: "133944884956529435+"
  EndOfDay end_of_day = EndOfDay::last_second;
  bool datetime_without_zone = false;             // Microsoft Jan-Feb 2023: "2023-01-10T00:00:00"
  StsLineOrder sts_order = StsLineOrder::as_published;
  TlsaStringForm tlsa_strings = TlsaStringForm::per_record;
  bool tlsa_domain_is_recipient = false;          // §1.1 says the MX host (TLSA base domain)
  MxHostForm mx_host = MxHostForm::when_present;
  bool every_key_always = false;                  // Stalwart: policy-string/mx-host [] where empty
  bool no_policy_found_has_domain = true;
  bool failure_details_when_none = false;         // "failure-details": [] with zero failures
  bool sends_mx_helo = true;                      // receiving-mx-helo when the MTA knows it
  ReasonCodes reason_codes = ReasonCodes::openssl_everywhere;
  bool minimal_fetch_error = false;               // sts-policy-fetch-error: no policy-string, bare detail
  bool fetch_error_drops_policy_string = false;   // Mail.ru: no policy-string / mx-host on fetch errors
  bool sum_exceeds_total_sometimes = false;       // Mail.ru: two details of 1 beside a total of 1
  bool sts_and_tlsa_together = false;             // Microsoft: sts + tlsa policy for one domain

  // JSON bytes.
  bool pretty = false;
  bool trailing_newline = false;
  TopKeyOrder top_order = TopKeyOrder::report_id_before_policies;
  PolicyKeyOrder policy_order = PolicyKeyOrder::policy_first;
  SummaryKeyOrder summary_order = SummaryKeyOrder::successful_first;

  // Containers.
  FilenameUniqueId filename_id = FilenameUniqueId::random_hex;
  bool gzip = true;                               // §5.2 SHOULD
  std::uint8_t gzip_xfl = 0, gzip_os = 3;         // RFC 1952 header bytes 8 and 9
  SubjectId subject_id = SubjectId::angle_same_as_json;
  std::string_view from_display = "TLS Reports";  // "" = a bare <address> (Microsoft)
  std::string_view first_part_type = "text/plain";
  bool report_type_quoted = true;
  bool report_type_after_boundary = false;
  bool missing_closing_boundary = false;
  bool dkim_covers_report_headers = true;
  std::string_view extra_headers = {};            // CRLF-terminated header lines added verbatim
  int delivery_delay_minutes = 120;               // Date: header, after the end of the report day

  // Whether `check --profile strict` accepts the JSON; if not, which rules it breaks (by design).
  bool strict_valid = true;
  std::string_view breaks = {};
};

std::span<const Personality> all_personalities();               // the whole table
const Personality* find_any_personality(std::string_view name);  // nullptr if unknown

// What a report id is made of; each scheme uses some of it.
struct ReportIdParts {
  std::string_view policy_domain;       // may be empty (Microsoft 2025)
  std::string_view sender_domain;
  std::int64_t day_start = 0;           // Unix seconds, 00:00:00Z
  std::string_view day_start_text;      // its RFC 3339 text if the caller has it; empty = formatted here
  std::uint64_t filetime = 0;           // the FILETIME of generation (filetime_domain)
  std::uint64_t index = 0;              // N of start_idx_domain
  std::optional<std::uint64_t> hash;    // unix_hash; none = one drawn from the Rng
};

// Appends the id. Draws from `rng` only what the scheme needs: a UUID (two words), the msg-id's
// 64 random bits, or unix_hash's missing hash.
void append_report_id(std::string& out, ReportIdScheme scheme, const ReportIdParts& parts, Rng& rng);

void append_uuid_v4(std::string& out, Rng& rng);            // "3f1c…-…", lowercase, RFC 4122 v4
std::uint64_t windows_filetime(std::int64_t unix_seconds);  // 100-ns ticks since 1601-01-01

}  // namespace tlsrpt
