// Report mail against its body (RFC 8460 5.3): the core's header checks under the sink's profile,
// plus the one trust decision lenient needs. Mail.ru says TLS-Report-Submitter mail.ru while its
// contact-info and DKIM signer are corp.mail.ru; lenient tolerates a submitter that is not
// contact-info's domain only when the DKIM signer (d=) is contact-info's domain or a parent or
// subdomain of it, because then the signature still vouches for who wrote the report.
#pragma once

#include <optional>

#include "core/formats/dkim.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"
#include "fakemx/sink/examine.hpp"

namespace tlsrpt::fakemx::sink {

// Adds the header findings to `examined` and turns a valid verdict into invalid when one of them
// is an error. `dkim`: the verification result, nullopt when DKIM was not checked.
void check_mail_headers(const ReportEmail& mail, const std::optional<DkimResult>& dkim, Profile profile,
                        Examined& examined);

// Whether `a` and `b` are the same domain or one is a subdomain of the other (case-insensitive).
bool domains_aligned(std::string_view a, std::string_view b);

}  // namespace tlsrpt::fakemx::sink
