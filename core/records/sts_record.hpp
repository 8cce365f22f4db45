// The MTA-STS TXT record at _mta-sts.<domain> (RFC 8461 §3.1):
//   sts-text-record = %s"v=STSv1" 1*(sts-field-delim sts-field) [sts-field-delim]
//   sts-id = %s"id=" 1*32(ALPHA / DIGIT)       extensions as in TLSRPT, ignored
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/records/record_result.hpp"

namespace tlsrpt {

struct StsRecord {
  std::string id;
  std::vector<std::pair<std::string, std::string>> extensions;
};

// A repeated id= keeps the first (RFC 8461 §3.2's rule for duplicated fields) with a warning.
RecordResult<StsRecord> parse_sts_record(std::string_view txt);

// §3.1 selection: RRs not beginning with "v=STSv1;" are discarded; exactly one must remain and be valid.
RecordResult<StsRecord> select_sts_record(const std::vector<std::string>& txt_rrs);
RecordResult<StsRecord> select_sts_record(const std::vector<std::vector<std::string>>& txt_rr_strings);

}  // namespace tlsrpt
