// RFC 8460 §5.3 report mail arriving through the SMTP server's message hook: the report part is
// extracted with the core, checked against the mail's TLS-Report-* headers under the sink's
// profile, DKIM is verified (keys from the caller's lookup, e.g. the scenario's DNS) and recorded,
// and the whole message is stored before the 250.
//   250 stored, duplicate or quarantined-invalid / 552 too large (message or inflation)
//   554 no report in the message (quarantined)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/formats/dkim.hpp"
#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "fakemx/sink/store.hpp"

namespace tlsrpt::fakemx::sink {

struct MailDelivery {
  std::string remote_ip;
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string_view message;  // the DATA content, dot-unstuffed
};

struct MailReply {
  int code = 250;
  std::string text;
};

struct SmtpIntakeConfig {
  std::size_t max_message = 10u << 20;
  InflateLimits inflate{16u << 20, 1000};
  KeyLookup key_lookup;  // empty: DKIM is recorded as "unchecked"
  Profile profile = Profile::strict;
};

MailReply handle_mail(const MailDelivery& delivery, ReportStore& store, const SmtpIntakeConfig& config);

// "pass (d=sender.test s=tlsrpt)", "fail: <reason>", "none: <reason>", "unchecked".
std::string describe_dkim(const DkimResult& result);

}  // namespace tlsrpt::fakemx::sink
