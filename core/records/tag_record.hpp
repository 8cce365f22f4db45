// The shape shared by the TLSRPT (RFC 8460 §3) and MTA-STS (RFC 8461 §3.1) TXT records:
//   record = version 1*(field-delim field) [field-delim]     field-delim = *WSP ";" *WSP
//   field  = name "=" value
// and the selection rule both RFCs give for several TXT RRs at one name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/records/record_result.hpp"

namespace tlsrpt::records {

struct TagField {
  std::string_view name;
  std::string_view value;   // up to the next ";" with trailing WSP removed; inner WSP kept for the caller
  std::size_t column = 0;   // 1-based column of the name
  std::size_t value_column = 0;
};

// Splits `text` after its case-sensitive `version` ("v=TLSRPTv1"). Errors carry columns; the
// values are views into `text`.
RecordResult<std::vector<TagField>> split_tag_record(std::string_view text, std::string_view version);

// ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
bool is_ext_name(std::string_view name);

// ext-value = 1*(%x21-3A / %x3C / %x3E-7E): the offset of the first character outside it, or npos.
std::size_t bad_ext_value_char(std::string_view value);

// The RRs of an RRset, each given as its character-strings, joined without spaces (RFC 7208 §3.3).
std::vector<std::string> join_txt_strings(const std::vector<std::vector<std::string>>& rrs);

// The selection rule: RRs that do not begin with `prefix` ("v=TLSRPTv1;") are discarded, and
// there must be exactly one left. `version` alone followed by WSP before ";" also counts (it is
// valid ABNF; erratum 6285 notes the contradiction) with a warning. Returns the index of the
// chosen RR, or errors explaining why no record is in force.
RecordResult<std::size_t> select_one(const std::vector<std::string>& rrs, std::string_view version, const char* what);

}  // namespace tlsrpt::records
