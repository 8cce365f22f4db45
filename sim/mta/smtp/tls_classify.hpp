// From an OpenSSL verification result to an RFC 8460 §4.3 result type and a failure-reason-code
// named after the real OpenSSL constant ("X509_V_ERR_CERT_HAS_EXPIRED").
#pragma once

#include <string>

#include "core/report/result_types.hpp"

namespace tlsrpt::sim {

// The X509_V_ERR_* name of a verify error code, or "X509_V_ERR_<n>" for one not in the table.
std::string x509_error_name(long code);

// sender-rules.md §2.6 table: expired -> certificate-expired; hostname -> certificate-host-mismatch;
// chain/trust/purpose errors -> certificate-not-trusted; anything else (not yet valid, DANE no
// match, ...) -> validation-failure.
ResultType classify_verify_error(long code);

}  // namespace tlsrpt::sim
