#include "generators/synth/reason_codes.hpp"

#include "generators/synth/reuse.hpp"

namespace tlsrpt::gen {
namespace {

std::string_view openssl_text(std::string_view result_type, Rng& rng) {
  if (result_type == "certificate-expired") return "X509_V_ERR_CERT_HAS_EXPIRED";
  if (result_type == "certificate-host-mismatch") return "X509_V_ERR_HOSTNAME_MISMATCH";
  if (result_type == "certificate-not-trusted")
    return rng.chance(0.5) ? "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT" : "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY";
  if (result_type == "validation-failure") return "X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION";
  if (result_type == "tlsa-invalid") return "X509_V_ERR_DANE_NO_MATCH";
  if (result_type == "starttls-not-supported") return "STARTTLS not offered in EHLO response";
  if (result_type == "dnssec-invalid") return "DNSSEC validation failed: bogus signature";
  if (result_type == "dane-required") return "no DNSSEC-validated TLSA records for the MX host";
  if (result_type == "sts-policy-fetch-error") return "policy fetch failed: HTTP 404";
  if (result_type == "sts-policy-invalid") return "policy syntax error: missing mode";
  if (result_type == "sts-webpki-invalid") return "X509_V_ERR_CERT_HAS_EXPIRED (policy host)";
  return "unspecified";
}

void go_text(std::string_view result_type, std::string_view domain, Rng& rng, std::string& out) {
  if (result_type == "sts-policy-fetch-error") {
    if (rng.chance(0.5)) return assign(out, {"bad https response code: 404"});
    return assign(out, {"unable to do http request: Get \"https://mta-sts.", domain,
                        "/.well-known/mta-sts.txt\": context deadline exceeded (Client.Timeout exceeded while "
                        "awaiting headers)"});
  }
  if (result_type == "certificate-expired") return assign(out, {"x509: certificate has expired or is not yet valid"});
  if (result_type == "certificate-host-mismatch")
    return assign(out, {"x509: certificate is valid for other.example, not mx.", domain});
  if (result_type == "certificate-not-trusted") return assign(out, {"x509: certificate signed by unknown authority"});
  if (result_type == "starttls-not-supported") return assign(out, {"smtp: STARTTLS not supported by server"});
  assign(out, {"tls: handshake failure"});
}

bool should_carry(std::string_view result_type) {
  return result_type == "certificate-not-trusted" || result_type == "validation-failure";  // §4.3.1 SHOULD
}

}  // namespace

void reason_code(ReasonCodes style, std::string_view result_type, std::string_view policy_domain, Rng& rng,
                 std::optional<std::string>& out) {
  switch (style) {
    case ReasonCodes::none: break;
    case ReasonCodes::go_error_text: return go_text(result_type, policy_domain, rng, reuse(out));
    case ReasonCodes::openssl_on_should:
      if (!should_carry(result_type)) break;
      return assign(out, {openssl_text(result_type, rng)});
    case ReasonCodes::openssl_everywhere: return assign(out, {openssl_text(result_type, rng)});
  }
  out.reset();
}

}  // namespace tlsrpt::gen
