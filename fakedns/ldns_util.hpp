// The conversions between our Record and ldns_rr, and the ldns owning handles (core/util/ldns_ptr.hpp).
#pragma once

// The standard headers come first: ldns/common.h defines `bool` as a macro in C++, which breaks
// libstdc++'s numeric_traits under clang if that is read afterwards.
#include <memory>
#include <string>

#include "core/util/ldns_ptr.hpp"
#include "fakedns/zone.hpp"

namespace tlsrpt::fakedns::detail {

// The owning handles of core/util/ldns_ptr.hpp under the names this folder uses.
using RrPtr = ldns::Rr;
using RrListPtr = ldns::OwnedList;
using RdfPtr = ldns::Rdf;
using PktPtr = ldns::Pkt;
using KeyPtr = ldns::Key;
using ZonePtr = ldns::Zone;
using KeyListPtr = ldns::KeyList;

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
