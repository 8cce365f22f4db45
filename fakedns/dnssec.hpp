// DNSSEC for a served zone: sign with ECDSA P-256 (KSK + ZSK, NSEC denial), or break it on purpose.
// Signature validity comes from the caller's clock (the runner's virtual "now"), never the wall clock
// unless no time is given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fakedns {

using UnixSeconds = std::int64_t;

struct DnssecOptions {
  bool sign = false;
  // The time signatures are made relative to; 0 means the wall clock at signing time.
  UnixSeconds now = 0;
  // Explicit validity window; 0 means now - 1 h and now + 30 days.
  UnixSeconds inception = 0;
  UnixSeconds expiration = 0;
  // Named breakages (see dnssec_breakage_names()), each optionally with a target
  // "NAME/TYPE": "bad-signature:_25._tcp.mx1.example.test./TLSA", "missing-rrsig", "ds-mismatch".
  std::vector<std::string> breakages;
};

// The stable names of the deliberate DNSSEC breakages: bad-signature, expired-signatures,
// not-yet-valid-signatures, missing-rrsig, ds-mismatch, unsigned.
std::vector<std::string> dnssec_breakage_names();

// Parses a mode as the command line and scenarios spell it: "unsigned", "signed", or
// "bogus-<breakage>[:NAME/TYPE]" (e.g. "bogus-expired-signatures"). Throws std::invalid_argument.
DnssecOptions parse_dnssec_mode(std::string_view mode, UnixSeconds now = 0);

// What a validator needs to trust a zone: its DS (SHA-256 of the KSK) and the KSK DNSKEY, one
// record per line in presentation form. Empty for an unsigned zone.
struct TrustAnchor {
  std::string zone;    // "example.test."
  std::string ds;      // "example.test. 3600 IN DS 12345 13 2 ABCD..."
  std::string dnskey;  // "example.test. 3600 IN DNSKEY 257 3 13 ..."
  bool empty() const { return ds.empty(); }
};

}  // namespace tlsrpt::fakedns
