// The TLSRPT policy record, TXT at _smtp._tls.<domain> (RFC 8460 §3):
//   tlsrpt-record = %s"v=TLSRPTv1" 1*(field-delim tlsrpt-field) [field-delim]
//   tlsrpt-rua    = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
//   tlsrpt-extension = ext-name "=" ext-value
// Several rua URIs (comma-separated, WSP allowed around the comma) and repeated rua= fields are
// all collected. mailto: and https: are supported; other schemes parse but are flagged unsupported.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/records/record_result.hpp"

namespace tlsrpt {

enum class RuaScheme { mailto, https, unsupported };

struct RuaUri {
  std::string uri;          // as written
  RuaScheme scheme = RuaScheme::unsupported;
  std::string mailbox;      // mailto only: the addr-spec, %-decoded, without ?headers
  std::size_t column = 0;   // where the URI starts in the record
};

struct TlsrptRecord {
  std::vector<RuaUri> rua;                                      // in record order
  std::vector<std::pair<std::string, std::string>> extensions;  // unknown fields, kept (and ignored)
  bool has_supported_rua() const;
};

// Errors (with columns) reject the record; unsupported schemes and case-variant "RUA=" are warnings.
RecordResult<TlsrptRecord> parse_tlsrpt_record(std::string_view txt);

// The §3 selection among the TXT RRs at _smtp._tls (each already joined; see join_txt_strings):
// those not beginning with "v=TLSRPTv1;" are discarded; anything but exactly one left means no
// TLSRPT policy, and so does that one being invalid.
RecordResult<TlsrptRecord> select_tlsrpt_record(const std::vector<std::string>& txt_rrs);
// The same for RRs given as their character-strings, concatenated without spaces first.
RecordResult<TlsrptRecord> select_tlsrpt_record(const std::vector<std::vector<std::string>>& txt_rr_strings);

}  // namespace tlsrpt
