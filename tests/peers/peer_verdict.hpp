// What a third-party peer decided about one connection, in RFC 8460 §4.3 terms, read from its own
// output. The tables here are the mapping a Postfix-style reporter applies (reference/sender-rules.md
// §7.1): the peer's raw verdict is kept beside it for the failure message.
#pragma once

#include <string>
#include <string_view>

#include "tests/support/run_process.hpp"

namespace tlsrpt::test::peers {

inline constexpr std::string_view kSuccess = "success";
inline constexpr std::string_view kUnclassified = "unclassified";

struct Verdict {
  std::string result;  // kSuccess, a result-type name ("certificate-expired"), or kUnclassified
  std::string raw;     // the peer's own words that decided it
};

// An OpenSSL X509_V_ERR code (as s_client prints "num=N") as a result type; kUnclassified if unknown.
std::string result_for_openssl_error(int code);

// `openssl s_client -starttls smtp ... -verify_return_error`: its verify error, a missing STARTTLS,
// or a TLS exchange the server answered in cleartext (STARTTLS refused).
Verdict openssl_verdict(const ProcessResult& run);

// `posttls-finger` without -c (the SMTP chat is printed): Verified/Untrusted lines, the certificate
// verification failure reason, STARTTLS rejected or never offered, and TLSA lookup errors.
Verdict posttls_finger_verdict(const ProcessResult& run);

// `dig +dnssec` through a validating resolver, for the TLSA RRset a DANE client would use:
// SERVFAIL is dnssec-invalid, a validated answer is kSuccess (raw: the status and flags).
Verdict dig_tlsa_verdict(const ProcessResult& run);

}  // namespace tlsrpt::test::peers
