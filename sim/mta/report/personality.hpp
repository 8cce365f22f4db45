// Sender personalities: the documented ways real reporters differ (reference/reporter-quirks.md),
// as named options. The default-constructed Personality is the strictest RFC 8460 form.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tlsrpt::sim {

enum class ReportIdScheme {
  unique_msgid,      // "<YYYYMMDD>.<policy-domain>.<16 hex>@<sender-domain>" (default: unique, msg-id form)
  start_domain,      // Google: "<start-datetime>_<policy-domain>"
  filetime_domain,   // Microsoft: "<FILETIME of generation>+<policy-domain>"
  uuid_at_domain,    // Mail.ru: "<uuid>@<sender-domain>"
  ts_hash,           // Stalwart: "<start unix ts>_<u64 policy hash>"
  date_idx_domain,   // Postfix/sys4: "<YYYY-MM-DD>T00:00:00Z_idx<N>_<policy-domain>"
  yyyymmdd_domain,   // mox: "<YYYYMMDD>.<policy-domain>@<sender-domain>"
};

enum class EndOfDay { last_second, next_midnight };  // "…T23:59:59Z" (RFC App. B) vs next "…T00:00:00Z"

enum class StsLineOrder {
  as_published,           // the fetched lines in file order (RFC 8460 §4.5, Google)
  version_mode_mx_maxage,  // Microsoft's canonical order
  version_mode_maxage_mx,  // Stalwart's order
};

enum class TlsaStringForm {
  per_record,       // one "u s m HEX" element per RR (RFC 8460 §4.5)
  json_in_string,   // Microsoft: one element holding a JSON-encoded array of the RR strings
};

enum class MxHostForm { when_present, always, never };  // sts mx-host: if non-empty / even [] / omitted

struct Personality {
  std::string name = "strict";
  ReportIdScheme report_id = ReportIdScheme::unique_msgid;
  EndOfDay end_of_day = EndOfDay::last_second;
  StsLineOrder sts_line_order = StsLineOrder::as_published;
  TlsaStringForm tlsa_form = TlsaStringForm::per_record;
  bool tlsa_uppercase_hex = true;
  MxHostForm mx_host = MxHostForm::when_present;
  bool policy_string_always = false;   // sts/tlsa policy-string even with nothing fetched: []
  bool all_keys_always = false;        // Stalwart: policy-string/mx-host [] for no-policy-found, failure-details []
  bool failure_details_always = false; // "failure-details": [] when there were no failures
  bool send_sending_ip = true;
  bool send_receiving_ip = true;
  bool send_mx_hostname = true;
  bool send_mx_helo = true;
  bool send_reason_code = true;
  bool filename_unique_id = true;      // §5.1 optional "!unique-id"
  bool gzip = true;                    // §5.2 SHOULD
};

// Named personalities: "strict" (default), "google", "microsoft", "mailru", "stalwart", "postfix", "mox".
std::optional<Personality> personality_by_name(std::string_view name);
std::span<const std::string_view> personality_names();

}  // namespace tlsrpt::sim
