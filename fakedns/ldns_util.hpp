// Small RAII wrappers around ldns objects, and the conversions between our Record and ldns_rr.
#pragma once

// The standard headers come first: ldns/common.h defines `bool` as a macro in C++, which breaks
// libstdc++'s numeric_traits under clang if that is read afterwards.
#include <memory>
#include <string>

#include <ldns/ldns.h>

#include "fakedns/zone.hpp"

namespace tlsrpt::fakedns::detail {

struct RrFree { void operator()(ldns_rr* p) const { ldns_rr_free(p); } };
struct RrListFree { void operator()(ldns_rr_list* p) const { ldns_rr_list_deep_free(p); } };
struct RdfFree { void operator()(ldns_rdf* p) const { ldns_rdf_deep_free(p); } };
struct PktFree { void operator()(ldns_pkt* p) const { ldns_pkt_free(p); } };
struct KeyFree { void operator()(ldns_key* p) const { ldns_key_deep_free(p); } };
struct ZoneFree { void operator()(ldns_zone* p) const { ldns_zone_deep_free(p); } };
struct KeyListFree { void operator()(ldns_key_list* p) const { ldns_key_list_free(p); } };

using RrPtr = std::unique_ptr<ldns_rr, RrFree>;
using RrListPtr = std::unique_ptr<ldns_rr_list, RrListFree>;
using RdfPtr = std::unique_ptr<ldns_rdf, RdfFree>;
using PktPtr = std::unique_ptr<ldns_pkt, PktFree>;
using KeyPtr = std::unique_ptr<ldns_key, KeyFree>;
using ZonePtr = std::unique_ptr<ldns_zone, ZoneFree>;
using KeyListPtr = std::unique_ptr<ldns_key_list, KeyListFree>;

// Takes ownership of a malloc'ed C string from ldns.
std::string take_string(char* s);

// Parses an absolute name; throws std::invalid_argument.
RdfPtr parse_dname(const std::string& name);
// Parses one record (name must be absolute); throws std::invalid_argument with ldns's reason.
RrPtr parse_record(const Record& r, const ldns_rdf* origin = nullptr);  // origin: for relative names in rdata
// The presentation form of an ldns record's parts.
Record to_record(const ldns_rr* rr);
std::string rr_to_string(const ldns_rr* rr);  // one line, no trailing newline
// Lower-case absolute text of a name, with trailing dot.
std::string dname_text(const ldns_rdf* name);

}  // namespace tlsrpt::fakedns::detail
