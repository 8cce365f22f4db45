#include "sim/mta/report/personality.hpp"

#include <array>

namespace tlsrpt::sim {
namespace {

constexpr std::array<std::string_view, 7> kNames = {"strict", "google", "microsoft", "mailru",
                                                    "stalwart", "postfix", "mox"};

Personality google() {
  Personality p;
  p.report_id = ReportIdScheme::start_domain;
  p.policy_string_always = false;
  p.send_mx_helo = false;
  p.send_reason_code = false;  // not seen even for validation-failure
  return p;
}

Personality microsoft() {
  Personality p;
  p.report_id = ReportIdScheme::filetime_domain;
  p.policy_string_always = false;
  p.sts_line_order = StsLineOrder::version_mode_mx_maxage;
  p.tlsa_form = TlsaStringForm::json_in_string;
  p.mx_host = MxHostForm::never;
  p.send_mx_helo = false;
  p.send_reason_code = false;
  return p;
}

Personality mailru() {
  Personality p;
  p.report_id = ReportIdScheme::uuid_at_domain;
  p.policy_string_always = false;
  p.end_of_day = EndOfDay::next_midnight;
  p.mx_host = MxHostForm::never;
  p.send_mx_helo = false;
  return p;
}

Personality stalwart() {
  Personality p;
  p.report_id = ReportIdScheme::ts_hash;
  p.end_of_day = EndOfDay::next_midnight;
  p.sts_line_order = StsLineOrder::version_mode_maxage_mx;
  p.mx_host = MxHostForm::always;
  p.all_keys_always = true;
  p.failure_details_always = true;
  p.filename_unique_id = false;
  return p;
}

Personality postfix() {
  Personality p;
  p.report_id = ReportIdScheme::date_idx_domain;
  p.failure_details_always = true;
  return p;
}

Personality mox() {
  Personality p;
  p.report_id = ReportIdScheme::yyyymmdd_domain;
  p.policy_string_always = false;
  p.filename_unique_id = false;
  return p;
}

}  // namespace

std::optional<Personality> personality_by_name(std::string_view name) {
  std::optional<Personality> p;
  if (name == "strict") p = Personality{};
  else if (name == "google") p = google();
  else if (name == "microsoft") p = microsoft();
  else if (name == "mailru") p = mailru();
  else if (name == "stalwart") p = stalwart();
  else if (name == "postfix") p = postfix();
  else if (name == "mox") p = mox();
  if (p) p->name = std::string(name);
  return p;
}

std::span<const std::string_view> personality_names() { return kNames; }

}  // namespace tlsrpt::sim
