// One SMTP delivery attempt to one MX address, as a sending MTA makes it: connect from the
// sender's own source address, 220, EHLO, STARTTLS, a TLS handshake whose certificate checks run at
// the virtual time, then the message (or QUIT for a probe). Every step has a deadline. The result
// says what went wrong in RFC 8460 §4.3 terms, with the OpenSSL reason and the server's names.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report/result_types.hpp"
#include "core/util/virtual_clock.hpp"

namespace tlsrpt::sim {

struct TlsaRecord {
  std::uint8_t usage = 3, selector = 1, mtype = 1;
  std::vector<std::uint8_t> data;
  std::string text() const;  // "3 1 1 ABCD..." (RFC 8460 §4.5 presentation form)
};
// "3 1 1 abcd..." -> record; nullopt when the text is not four fields with hex data.
std::optional<TlsaRecord> parse_tlsa(const std::string& rdata);

enum class Authentication {
  none,   // opportunistic: encrypt if offered, check nothing
  pkix,   // MTA-STS (RFC 8461 §4.2): WebPKI chain to ca_file + DNS-ID match of the MX name, no CN
  dane,   // RFC 7672: OpenSSL DANE with the usable TLSA records
};

struct TlsPolicy {
  Authentication auth = Authentication::none;
  std::string sni;                       // MX host (pkix, none) or TLSA base domain (dane)
  std::vector<std::string> names;        // reference identifiers; empty = {sni}
  std::string ca_file;                   // pkix: PEM bundle of trusted roots
  std::vector<TlsaRecord> tlsa;          // dane: the usable records
  UnixSeconds verify_time = 0;           // the virtual time for validity checks
};

struct SmtpMessage {
  std::string mail_from;
  std::string rcpt_to;
  std::string data;  // RFC 5322 message, CRLF line endings; dot-stuffed here
};

struct SmtpAttemptOptions {
  std::string mx_host;                   // for the transcript and the report
  std::string address;                   // the MX IP to connect to
  std::uint16_t port = 25;
  std::string source_address;            // the sender's own loopback address ("" = any)
  std::string ehlo_name = "sender.invalid";
  std::chrono::milliseconds step_timeout{15000};  // each connect, read, write and the handshake
  bool starttls = true;                  // false: a cleartext session (opportunistic fallback)
  bool require_tls = false;              // STARTTLS missing/refused/failed ends the attempt
  bool require_auth = false;             // an authentication failure ends the attempt (enforce, DANE)
  TlsPolicy tls;
  std::optional<SmtpMessage> message;    // nullopt: a probe, QUIT after the handshake
};

struct SmtpAttempt {
  bool connected = false;
  std::string peer_ip;
  std::string greeting;                  // the 220 text
  std::string helo_name;                 // the server's name from its EHLO reply (or greeting)
  bool starttls_offered = false;
  bool tls = false;                      // a TLS session was established
  bool authenticated = false;            // the TLS policy's checks passed
  std::optional<ResultType> failure;     // what a TLSRPT report says about this attempt
  std::string reason_code;               // failure-reason-code (OpenSSL name or protocol text)
  bool delivered = false;                // the message got a 2xx after DATA
  int last_code = 0;                     // the last SMTP reply code
  std::string error;                     // transport or protocol error in plain words
  std::vector<std::string> transcript;   // "C: EHLO ..." / "S: 250 ..." / "*: TLS ..."
};

SmtpAttempt smtp_attempt(const SmtpAttemptOptions& options);

}  // namespace tlsrpt::sim
