// The report e-mail a personality sends: core's build_report_email, then shaped byte for byte to the
// reporter (Content-Type parameter order and quoting, Subject Report-ID form, first part type,
// extra headers, missing closing boundary). DKIM signing is the caller's next step.
#pragma once

#include <string>
#include <string_view>

#include "generators/synth/synthesize.hpp"

namespace tlsrpt::gen {

struct MessageParts {
  std::string to;          // rua mailbox; empty = tlsrpt@<policy-domain>
  std::string filename;    // the §5.1 attachment name
  std::string attachment;  // gzip or JSON bytes
  bool gzipped = true;
};

std::string report_message(const GeneratedReport& g, const MessageParts& parts);

// The Subject's Report-ID text for the personality, e.g. "<2024.09.03T00.00.00Z+d.example@google.com>".
std::string subject_report_id(const GeneratedReport& g);

// Headers the personality's DKIM signature covers (h=), in signing order.
std::vector<std::string> dkim_signed_headers(const Personality& p);

}  // namespace tlsrpt::gen
