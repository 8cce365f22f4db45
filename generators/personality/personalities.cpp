// The personality table. Each row is reproduced field by field from reference/reporter-quirks.md
// §1-§2; "breaks" names the strict rules the real reporter breaks, so does its copy here.
#include "generators/personality/personality.hpp"

#include <array>

namespace tlsrpt::gen {
namespace {

constexpr Personality kGoogle{
    .name = "google",
    .summary = "Google: compact, <start>_<domain> ids, STS lines as published, no reason codes",
    .organization = "Google Inc.",
    .contact = "smtp-tls-reporting@google.com",
    .submitter = "google.com",
    .dkim_domain = "google.com",
    .report_id = ReportIdStyle::start_and_domain,
    .sts_order = StsLineOrder::as_published,
    .reason_codes = ReasonCodes::none,
    .gzip_xfl = 0,
    .gzip_os = 0,
    .subject_id = SubjectId::dotted_at_submitter,
    .report_type_quoted = false,
    .report_type_after_boundary = true,
    .delivery_delay_minutes = 12 * 60,
    .strict_valid = true,
};

constexpr Personality kMicrosoft2023{
    .name = "microsoft-2023",
    .summary = "Microsoft Jan-Feb 2023: datetimes without zone, FILETIME ids, no mx-host, TLSA JSON-in-string",
    .organization = "Microsoft Corporation",
    .contact = "tlsrpt-noreply@microsoft.com",
    .submitter = "microsoft.com",
    .dkim_domain = "microsoft.com",
    .datetime_without_zone = true,
    .report_id = ReportIdStyle::filetime_and_domain,
    .mx_host = MxHostField::never,
    .sts_order = StsLineOrder::version_mode_mx_maxage,
    .tlsa_strings = TlsaStrings::json_array_in_one_string,
    .tlsa_domain_is_recipient = true,
    .minimal_fetch_error = true,
    .sts_and_tlsa_together = true,
    .reason_codes = ReasonCodes::none,
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

constexpr Personality kMicrosoft{
    .name = "microsoft",
    .summary = "Microsoft 2024+: as 2023 but ...Z datetimes, text/html first part, ids may lack the domain",
    .organization = "Microsoft Corporation",
    .contact = "tlsrpt-noreply@microsoft.com",
    .submitter = "microsoft.com",
    .dkim_domain = "microsoft.com",
    .report_id = ReportIdStyle::filetime_and_domain,
    .empty_report_id_domain_sometimes = true,
    .mx_host = MxHostField::never,
    .sts_order = StsLineOrder::version_mode_mx_maxage,
    .tlsa_strings = TlsaStrings::json_array_in_one_string,
    .tlsa_domain_is_recipient = true,
    .minimal_fetch_error = true,
    .sts_and_tlsa_together = true,
    .reason_codes = ReasonCodes::none,
    .filename_id = FilenameUniqueId::filetime,
    .gzip_xfl = 4,
    .gzip_os = 0,
    .subject_id = SubjectId::bare,
    .from_display = "",
    .first_part_type = "text/html",
    .report_type_quoted = false,
    .report_type_after_boundary = true,
    .dkim_covers_report_headers = false,
    .extra_headers = "X-MS-TrafficTypeDiagnostic: EE_FirstParty-TlsRpt-V3-System\r\n",
    .delivery_delay_minutes = 21 * 60,
    .strict_valid = false,
    .breaks = "sts without mx-host (§4.4); TLSA policy-string as one JSON-encoded string (§4.5); "
              "sts-policy-fetch-error without policy-string or IPs",
};

constexpr Personality kMailru{
    .name = "mailru",
    .summary = "Mail.ru: exclusive end, <uuid>@mail.ru ids, Go error reason codes, no closing MIME boundary",
    .organization = "Mail.ru",
    .contact = "tls_support@corp.mail.ru",
    .submitter = "mail.ru",
    .dkim_domain = "corp.mail.ru",
    .end_of_day = EndOfDay::exclusive_next_midnight,
    .report_id = ReportIdStyle::uuid_at_host,
    .mx_host = MxHostField::never,
    .sum_exceeds_total_sometimes = true,
    .fetch_error_drops_policy_string = true,
    .reason_codes = ReasonCodes::go_error_text,
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
    .end_of_day = EndOfDay::exclusive_next_midnight,
    .report_id = ReportIdStyle::unix_and_hash,
    .mx_host = MxHostField::always_even_empty,
    .no_policy_found_empty_arrays = true,
    .sts_order = StsLineOrder::version_mode_maxage_mx,
    .failure_details_when_none = true,
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
    .top_order = TopKeyOrder::report_id_last,
    .policy_order = PolicyKeyOrder::summary_first,
    .summary_order = SummaryKeyOrder::failure_first,
    .report_id = ReportIdStyle::start_idx_domain,
    .mx_host = MxHostField::only_if_nonempty,
    .no_policy_found_has_domain = false,
    .failure_details_when_none = true,
    .detail_has_helo = true,
    .reason_codes = ReasonCodes::openssl_on_should,
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
    .organization = "Sender Example Inc.",
    .contact = "tlsrpt@sender.example",
    .submitter = "sender.example",
    .dkim_domain = "sender.example",
    .pretty = true,
    .trailing_newline = true,
    .report_id = ReportIdStyle::uuid,
    .reason_codes = ReasonCodes::openssl_everywhere,
    .strict_valid = true,
};

constexpr std::array kAll{kGoogle, kMicrosoft2023, kMicrosoft, kMailru, kStalwart, kPostfix, kStrictRfc};

}  // namespace

std::span<const Personality> personalities() { return kAll; }

const Personality* find_personality(std::string_view name) {
  for (const auto& p : kAll)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace tlsrpt::gen
