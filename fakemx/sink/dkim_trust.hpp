// The DKIM keys the sink trusts for report mail: keys given as files, named like the record they
// stand for ("tlsrpt._domainkey.sender.example=key.pem"; "*" as the domain trusts the key for any
// signing domain), and, behind them, a DNS server asked for <selector>._domainkey.<domain> TXT.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/formats/dkim.hpp"

namespace tlsrpt::fakemx::sink {

struct TrustedDkimKey {
  std::string selector;
  std::string domain;  // "*": any signing domain
  std::string record;  // the TXT text it stands for: "v=DKIM1; k=rsa; p=..."
};

// "SELECTOR._domainkey.DOMAIN=FILE". FILE holds a PEM public key (SubjectPublicKeyInfo), an RSA
// private key (its public half is trusted), or the TXT record text itself (quoted zone-file
// strings are joined). Throws std::invalid_argument with a sentence saying what is wrong.
TrustedDkimKey parse_trusted_key(std::string_view spec);

// The TXT text for a key file's contents; `source` names it in errors. Throws std::invalid_argument.
std::string dkim_record_from_key_text(std::string_view text, const std::string& source);

// Looks selector and domain up in `keys` (an exact domain before "*"), case-insensitively.
KeyLookup key_file_lookup(std::vector<TrustedDkimKey> keys);

struct DnsKeySource {
  std::string address;  // loopback IPv4 address of the DNS server
  std::uint16_t port = 53;
  std::chrono::milliseconds timeout{2000};  // per try; two tries over UDP, then TCP on truncation
};

// "127.x.y.z[:PORT]" (port 53 when left out). Throws std::invalid_argument.
DnsKeySource parse_dns_key_source(std::string_view text);

// Asks the server for the TXT record, joining its character-strings; the first record that holds
// "p=" wins. nullopt when the name has none, the server fails or does not answer in time. Answers
// are cached: a key for its TTL (at most 5 minutes), a missing one for 5 seconds.
KeyLookup dns_key_lookup(DnsKeySource source);

// `first`, then `second` when the first has no key; either may be empty.
KeyLookup chain_lookups(KeyLookup first, KeyLookup second);

}  // namespace tlsrpt::fakemx::sink
