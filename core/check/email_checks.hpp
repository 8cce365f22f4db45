// RFC 8460 §5.3 report mail against its body: the TLS-Report-* headers and the Subject must agree
// with the report, which is authoritative (§5.6). DKIM is only noted here: verifying it needs DNS.
#pragma once

#include <string>
#include <vector>

#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"

namespace tlsrpt::check {

// Appends findings at "email:header/..." locations; returns notes (plain sentences, not findings).
std::vector<std::string> check_email_against_report(const ReportEmail& mail, const Report& report, Profile profile,
                                                    Findings& out);

}  // namespace tlsrpt::check
