#include "tests/peers/peer_verdict.hpp"

#include <charconv>
#include <string>

namespace tlsrpt::test::peers {
namespace {

constexpr std::string_view kStarttls = "starttls-not-supported";
constexpr std::string_view kExpired = "certificate-expired";
constexpr std::string_view kHostMismatch = "certificate-host-mismatch";
constexpr std::string_view kNotTrusted = "certificate-not-trusted";
constexpr std::string_view kValidation = "validation-failure";
constexpr std::string_view kDnssec = "dnssec-invalid";

// The whole line of `text` that contains `needle`, without its end of line; "" if none does.
std::string line_with(const std::string& text, std::string_view needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return {};
  const auto begin = text.rfind('\n', at);
  const auto end = text.find('\n', at);
  const auto from = begin == std::string::npos ? 0 : begin + 1;
  std::string line = text.substr(from, end == std::string::npos ? std::string::npos : end - from);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool has(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

// The N of the first "num=N" in `line`, or -1.
int verify_number(const std::string& line) {
  const auto at = line.find("num=");
  if (at == std::string::npos) return -1;
  int n = -1;
  const char* first = line.data() + at + 4;
  std::from_chars(first, line.data() + line.size(), n);
  return n;
}

// Postfix's words for a failed certificate check (tls_verify.c) as a result type.
std::string result_for_postfix_reason(const std::string& line) {
  if (const int n = verify_number(line); n >= 0) return result_for_openssl_error(n);
  if (has(line, "certificate has expired")) return std::string(kExpired);
  if (has(line, "certificate not yet valid")) return std::string(kValidation);
  if (has(line, "untrusted issuer") || has(line, "self-signed certificate")) return std::string(kNotTrusted);
  return std::string(kUnclassified);
}

}  // namespace

std::string result_for_openssl_error(int code) {
  switch (code) {
    case 0: return std::string(kSuccess);
    case 10: return std::string(kExpired);           // X509_V_ERR_CERT_HAS_EXPIRED
    case 62: return std::string(kHostMismatch);      // X509_V_ERR_HOSTNAME_MISMATCH
    case 2:                                          // unable to get issuer certificate
    case 18:                                         // self-signed leaf
    case 19:                                         // self-signed root in the chain
    case 20:                                         // unable to get local issuer certificate
    case 21:                                         // unable to verify the first certificate
    case 27: return std::string(kNotTrusted);        // certificate not trusted
    case 9:                                          // not yet valid: no better type (Postfix: 205)
    case 65: return std::string(kValidation);        // X509_V_ERR_DANE_NO_MATCH
    default: return std::string(kUnclassified);
  }
}

Verdict openssl_verdict(const ProcessResult& run) {
  const std::string all = run.out + run.err;
  if (std::string line = line_with(all, "verify error:num="); !line.empty())
    return {result_for_openssl_error(verify_number(line)), line};
  if (std::string line = line_with(all, "Didn't find STARTTLS"); !line.empty()) return {std::string(kStarttls), line};
  // STARTTLS refused (e.g. 454): s_client sends its ClientHello anyway and reads the SMTP reply.
  if (has(all, "wrong version number") && has(all, "no peer certificate available"))
    return {std::string(kStarttls), line_with(all, "wrong version number")};
  if (run.exit_code == 0 && has(all, "Verify return code: 0 (ok)"))
    return {std::string(kSuccess), line_with(all, "Verify return code")};
  return {std::string(kUnclassified), "exit " + std::to_string(run.exit_code) + ": " + all.substr(0, 400)};
}

Verdict posttls_finger_verdict(const ProcessResult& run) {
  const std::string all = run.out + run.err;
  if (std::string line = line_with(all, "Verified TLS connection established"); !line.empty())
    return {std::string(kSuccess), line};
  if (std::string line = line_with(all, "TLSA lookup error"); !line.empty()) return {std::string(kDnssec), line};
  if (std::string line = line_with(all, "certificate verification failed"); !line.empty())
    return {result_for_postfix_reason(line), line};
  // A chain Postfix trusts whose names do not match (§7.1: 202 when trusted).
  if (std::string line = line_with(all, "Trusted TLS connection established"); !line.empty())
    return {std::string(kHostMismatch), line};
  if (std::string line = line_with(all, "STARTTLS rejected"); !line.empty()) return {std::string(kStarttls), line};
  if (!has(all, "STARTTLS") && has(all, "> QUIT"))
    return {std::string(kStarttls), "EHLO reply without STARTTLS, then QUIT"};
  return {std::string(kUnclassified), "exit " + std::to_string(run.exit_code) + ": " + all.substr(0, 400)};
}

Verdict dig_tlsa_verdict(const ProcessResult& run) {
  const std::string status = line_with(run.out, "status: ");
  if (has(status, "status: SERVFAIL")) return {std::string(kDnssec), status};
  const std::string flags = line_with(run.out, ";; flags:");
  if (has(status, "status: NOERROR") && has(flags, " ad")) return {std::string(kSuccess), status + " / " + flags};
  return {std::string(kUnclassified), status + " / " + flags};
}

}  // namespace tlsrpt::test::peers
