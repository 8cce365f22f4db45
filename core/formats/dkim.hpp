// DKIM (RFC 6376) for report mail, with OpenDKIM: signing as RFC 8460 §3 asks (relaxed/relaxed,
// rsa-sha256, no l=, TLS-Report-* headers covered) and verifying with a caller-supplied key lookup
// (the report sink asks the scenario's DNS; tests use a map). Transport-free.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt {

struct DkimSigner {
  std::string domain;           // d=
  std::string selector;         // s=
  std::string private_key_pem;  // RSA private key, PEM (PKCS#8 or PKCS#1)
};

// The message (LF or CRLF) with a DKIM-Signature header prepended, CRLF throughout. Signs From,
// To, Subject, Date, Message-ID, TLS-Report-Domain, TLS-Report-Submitter, MIME-Version,
// Content-Type (those present). `signing_time` (Unix seconds) becomes t=, so equal inputs give
// byte-identical output. Throws std::runtime_error when the key or message cannot be used.
std::string dkim_sign(std::string_view message, const DkimSigner& signer, std::int64_t signing_time);

// Returns the TXT text of <selector>._domainkey.<domain> (character-strings already joined), or
// nullopt when there is none.
using KeyLookup = std::function<std::optional<std::string>(std::string_view selector, std::string_view domain)>;

enum class DkimStatus { pass, fail, none };
enum class DkimFailure { none, body_hash, signature, key_missing, key_invalid, length_tag, syntax };

struct DkimResult {
  DkimStatus status = DkimStatus::none;
  DkimFailure failure = DkimFailure::none;
  std::string reason;                 // plain sentence when not pass
  std::string domain;                 // d= of the evaluated signature
  std::string selector;               // s= of the evaluated signature
  std::optional<std::string> key_services;  // the key's s= tag as published; nullopt when absent ("*")
  bool key_allows_tlsrpt = false;     // s= absent, "*", or listing "tlsrpt" (RFC 8460 §3 SHOULD have "tlsrpt")
  bool covers_tls_report_headers = false;  // h= has both TLS-Report-Domain and TLS-Report-Submitter
  bool ok() const { return status == DkimStatus::pass; }
};

// Verifies the first DKIM-Signature OpenDKIM selects. A valid signature carrying l= is a fail
// (RFC 8460 §3: "MUST NOT use the l= attribute"). Keys with s=tlsrpt (a service type OpenDKIM
// does not know) are accepted as e-mail keys. `now` (Unix seconds; 0 = the real clock) is the
// time x= expiry is checked against.
DkimResult dkim_verify(std::string_view message, const KeyLookup& lookup, std::int64_t now = 0);

struct DkimKeyPair {
  std::string private_key_pem;  // PKCS#8 PEM; write it 0600 if it goes to disk
  std::string public_key_b64;   // SubjectPublicKeyInfo DER, base64 (the p= value)
};

// A fresh RSA key pair (OpenSSL 3 EVP). Throws std::runtime_error on failure.
DkimKeyPair make_dkim_key(int bits = 2048);
// The pair of an existing RSA private key (PEM), e.g. one derived from a seed. Throws
// std::runtime_error when it is not one.
DkimKeyPair dkim_key_pair(std::string_view private_key_pem);

// Whether `private_key_pem` is an RSA private key OpenSSL can read (dkim_sign checks this first).
bool dkim_key_usable(std::string_view private_key_pem);

// "v=DKIM1; k=rsa; s=tlsrpt; p=<base64>" (split into 255-octet character-strings when published).
std::string dkim_txt_record(std::string_view public_key_b64, std::string_view services = "tlsrpt");

}  // namespace tlsrpt
