// The personality table. Each row is reproduced field by field from reference/reporter-quirks.md
// §1-§2; "breaks" names the strict rules the real reporter breaks, and so does its copy here.
#include "core/report/personality.hpp"

#include <array>
#include <charconv>

#include "core/util/datetime.hpp"

namespace tlsrpt {
namespace {

constexpr Personality kGoogle{
    .name = "google",
    .summary = "Google: compact, <start>_<domain> ids, STS lines as published, no reason codes",
    .organization = "Google Inc.",
    .contact = "smtp-tls-reporting@google.com",
    .submitter = "google.com",
    .dkim_domain = "google.com",
    .report_id = ReportIdScheme::start_domain,
    .sts_order = StsLineOrder::as_published,
    .sends_mx_helo = false,
    .reason_codes = ReasonCodes::none,
    .filename_id = FilenameUniqueId::counter_001,
    .gzip_xfl = 0,
    .gzip_os = 0,
    .subject_id = SubjectId::dotted_at_submitter,
    .report_type_quoted = false,
    .report_type_after_boundary = true,
    .delivery_delay_minutes = 12 * 60,
};

constexpr Personality kMicrosoft2023{
    .name = "microsoft-2023",
    .summary = "Microsoft Jan-Feb 2023: datetimes without zone, FILETIME ids, no mx-host, TLSA JSON-in-string",
    .organization = "Microsoft Corporation",
    .contact = "tlsrpt-noreply@microsoft.com",
    .submitter = "microsoft.com",
    .dkim_domain = "microsoft.com",
    .report_id = ReportIdScheme::filetime_domain,
    .datetime_without_zone = true,
    .sts_order = StsLineOrder::version_mode_mx_maxage,
    .tlsa_strings = TlsaStringForm::json_in_string,
    .tlsa_domain_is_recipient = true,
    .mx_host = MxHostForm::never,
    .sends_mx_helo = false,
    .reason_codes = ReasonCodes::none,
    .minimal_fetch_error = true,
    .sts_and_tlsa_together = true,
    .filename_id = FilenameUniqueId::filetime,
    .gzip_xfl = 4,
    .gzip_os = 0,
    .subject_id = SubjectId::bare,
    .from_display = "",
    .report_type_quoted = false,
    .report_type_after_boundary = true,
    .dkim_covers_report_headers = false,
    .extra_headers = "X-MS-TrafficTypeDiagnostic: EE_FirstParty-TlsRpt-V3-System\r\n",
    .delivery_delay_minutes = 20 * 60,
    .strict_valid = false,
    .breaks = "date-time without zone (RFC 3339 §5.6); sts without mx-host (§4.4); TLSA policy-string "
              "as one JSON-encoded string (§4.5); sts-policy-fetch-error without policy-string or IPs",
};

// Microsoft's reports from 2024 on: the 2023 form with ...Z date-times and a text/html first part.
constexpr Personality kMicrosoft = [] {
  Personality p = kMicrosoft2023;
  p.name = "microsoft";
  p.summary = "Microsoft 2024+: as 2023 but ...Z datetimes, text/html first part, ids may lack the domain";
  p.datetime_without_zone = false;
  p.empty_report_id_domain_sometimes = true;
  p.first_part_type = "text/html";
  p.delivery_delay_minutes = 21 * 60;
  p.breaks =
      "sts without mx-host (§4.4); TLSA policy-string as one JSON-encoded string (§4.5); "
      "sts-policy-fetch-error without policy-string or IPs";
  return p;
}();

constexpr Personality kMailru{
    .name = "mailru",
    .summary = "Mail.ru: exclusive end, <uuid>@mail.ru ids, Go error reason codes, no closing MIME boundary",
    .organization = "Mail.ru",
    .contact = "tls_support@corp.mail.ru",
    .submitter = "mail.ru",
    .dkim_domain = "corp.mail.ru",
    .report_id = ReportIdScheme::uuid_at_sender,
    .end_of_day = EndOfDay::next_midnight,
    .sts_order = StsLineOrder::version_mode_mx_maxage,
    .mx_host = MxHostForm::never,
    .sends_mx_helo = false,
    .reason_codes = ReasonCodes::go_error_text,
    .fetch_error_drops_policy_string = true,
    .sum_exceeds_total_sometimes = true,
    .filename_id = FilenameUniqueId::counter_001,
    .gzip_xfl = 0,
    .gzip_os = 255,
    .subject_id = SubjectId::angle_same_as_json,
    .report_type_quoted = true,
    .report_type_after_boundary = false,
    .missing_closing_boundary = true,
    .dkim_covers_report_headers = false,
    .extra_headers = "Auto-Submitted: auto-generated\r\nX-Mailru-Skip-Sts: true\r\n",
    .delivery_delay_minutes = 10,
    .strict_valid = false,
    .breaks = "sts without mx-host (§4.4); sts-policy-fetch-error without policy-string; "
              "TLS-Report-Submitter mail.ru differs from contact-info corp.mail.ru (§5.3 MUST)",
};

constexpr Personality kStalwart{
    .name = "stalwart",
    .summary = "Stalwart: null contact-info, every key present ([] included), <unix>_<hash> ids, exclusive end",
    .organization = "mx.stalwart.example",
    .contact = "",
    .submitter = "mx.stalwart.example",
    .dkim_domain = "mx.stalwart.example",
    .report_id = ReportIdScheme::unix_hash,
    .end_of_day = EndOfDay::next_midnight,
    .sts_order = StsLineOrder::version_mode_maxage_mx,
    .every_key_always = true,
    .failure_details_when_none = true,
    .sends_mx_helo = false,
    .reason_codes = ReasonCodes::none,
    .filename_id = FilenameUniqueId::none,
    .subject_id = SubjectId::angle_no_at,
    .report_type_quoted = true,
    .report_type_after_boundary = true,
    .extra_headers = "Auto-Submitted: auto-generated\r\n",
    .delivery_delay_minutes = 30,
    .strict_valid = false,
    .breaks = "contact-info is JSON null (§4.4); mx-host [] beside no-policy-found",
};

constexpr Personality kPostfix{
    .name = "postfix",
    .summary = "Postfix + sys4 tlsrpt-reporter: summary before policy, report-id last, no-policy-found without domain",
    .organization = "mail.postfix.example",
    .contact = "tlsrpt-noreply@mail.postfix.example",
    .submitter = "mail.postfix.example",
    .dkim_domain = "mail.postfix.example",
    .report_id = ReportIdScheme::start_idx_domain,
    .sts_order = StsLineOrder::version_mode_mx_maxage,
    .no_policy_found_has_domain = false,
    .failure_details_when_none = true,
    .sends_mx_helo = true,
    .reason_codes = ReasonCodes::openssl_on_should,
    .top_order = TopKeyOrder::report_id_last,
    .policy_order = PolicyKeyOrder::summary_first,
    .summary_order = SummaryKeyOrder::failure_first,
    .filename_id = FilenameUniqueId::index,
    .subject_id = SubjectId::angle_at_submitter,
    .report_type_quoted = false,
    .report_type_after_boundary = false,
    .extra_headers = "TLS-Required: No\r\n",
    .delivery_delay_minutes = 60,
    .strict_valid = false,
    .breaks = "no-policy-found without policy-domain (§4.4; fixed upstream in 2025)",
};

constexpr Personality kStrictRfc{
    .name = "strict-rfc",
    .summary = "RFC 8460 as written: template key order, UUID ids, every §4.4 field, reason codes everywhere",
    .report_id = ReportIdScheme::uuid,
    .sts_order = StsLineOrder::version_mode_mx_maxage,
    .sends_mx_helo = false,
    .reason_codes = ReasonCodes::openssl_everywhere,
    .pretty = true,
    .trailing_newline = true,
    .filename_id = FilenameUniqueId::counter_001,
};

constexpr Personality kStrict{.offered_by_generate = false};

constexpr Personality kMox{
    .name = "mox",
    .summary = "mox: <YYYYMMDD>.<domain>@<host> ids, no filename unique-id (from its source; no sample seen)",
    .offered_by_generate = false,
    .organization = "mail.mox.example",
    .contact = "postmaster@mail.mox.example",
    .submitter = "mail.mox.example",
    .dkim_domain = "mail.mox.example",
    .report_id = ReportIdScheme::date_domain_at_sender,
    .filename_id = FilenameUniqueId::none,
};

constexpr std::array kAll{kGoogle, kMicrosoft2023, kMicrosoft, kMailru, kStalwart, kPostfix, kStrictRfc, kStrict, kMox};

constexpr char kLowerHex[] = "0123456789abcdef";

// `digits` lowercase hex digits of `v`, most significant first.
void append_hex(std::string& out, std::uint64_t v, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kLowerHex[(v >> shift) & 15];
}

template <typename Int>
void append_decimal(std::string& out, Int v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void append_compact_date(std::string& out, std::int64_t t) {  // "20260301"
  for (char c : format_date(t))
    if (c != '-') out += c;
}

void append_start_text(std::string& out, const ReportIdParts& in) {
  if (in.day_start_text.empty()) out += format_rfc3339(in.day_start);
  else out += in.day_start_text;
}

}  // namespace

std::span<const Personality> all_personalities() { return kAll; }

const Personality* find_any_personality(std::string_view name) {
  for (const auto& p : kAll)
    if (p.name == name) return &p;
  return nullptr;
}

void append_uuid_v4(std::string& out, Rng& rng) {
  const std::uint64_t hi = (rng.next() & ~0xf000ULL) | 0x4000ULL;         // version 4
  const std::uint64_t lo = (rng.next() & ~(3ULL << 62)) | (2ULL << 62);  // RFC 4122 variant
  append_hex(out, hi >> 32, 8);
  out += '-';
  append_hex(out, hi >> 16, 4);
  out += '-';
  append_hex(out, hi, 4);
  out += '-';
  append_hex(out, lo >> 48, 4);
  out += '-';
  append_hex(out, lo, 12);
}

std::uint64_t windows_filetime(std::int64_t unix_seconds) {
  return static_cast<std::uint64_t>(unix_seconds + 11644473600LL) * 10000000ULL;
}

void append_report_id(std::string& out, ReportIdScheme scheme, const ReportIdParts& in, Rng& rng) {
  switch (scheme) {
    case ReportIdScheme::date_domain_hex_at_sender:
      append_compact_date(out, in.day_start);
      out += '.';
      out += in.policy_domain;
      out += '.';
      append_hex(out, rng.next(), 16);
      out += '@';
      out += in.sender_domain;
      return;
    case ReportIdScheme::start_domain:
      append_start_text(out, in);
      out += '_';
      out += in.policy_domain;
      return;
    case ReportIdScheme::filetime_domain:
      append_decimal(out, in.filetime);
      out += '+';
      out += in.policy_domain;
      return;
    case ReportIdScheme::uuid_at_sender:
      append_uuid_v4(out, rng);
      out += '@';
      out += in.sender_domain;
      return;
    case ReportIdScheme::unix_hash:
      append_decimal(out, in.day_start);
      out += '_';
      append_decimal(out, in.hash ? *in.hash : rng.next());
      return;
    case ReportIdScheme::start_idx_domain:
      append_start_text(out, in);
      out += "_idx";
      append_decimal(out, in.index);
      out += '_';
      out += in.policy_domain;
      return;
    case ReportIdScheme::uuid: append_uuid_v4(out, rng); return;
    case ReportIdScheme::date_domain_at_sender:
      append_compact_date(out, in.day_start);
      out += '.';
      out += in.policy_domain;
      out += '@';
      out += in.sender_domain;
      return;
  }
}

}  // namespace tlsrpt
