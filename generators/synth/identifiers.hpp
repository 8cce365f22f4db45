// Identifier and address texts the personalities use: UUIDs, Windows FILETIMEs, documentation IPs,
// TLSA certificate-association data. All drawn from the caller's Rng.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/personality.hpp"
#include "core/util/rng.hpp"

namespace tlsrpt::gen {

std::string uuid_v4(Rng& rng);  // "3f1c…-…", lowercase (append_uuid_v4, core/report/personality.hpp)
std::string upper_hex(Rng& rng, std::size_t bytes);
void append_upper_hex(std::string& out, Rng& rng, std::size_t bytes);
void append_decimal(std::string& out, std::uint64_t v);
void append_decimal(std::string& out, std::int64_t v);

// An address from 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 or 2001:db8::/32 (RFC 5737,
// RFC 3849), in RFC 5952 text; or one of `pool` when it is not empty.
std::string documentation_ip(Rng& rng, const std::vector<std::string>& pool = {});
void assign_documentation_ip(std::string& out, Rng& rng, const std::vector<std::string>& pool);

// FNV-1a, for properties that must stay fixed per name (a domain's policy, an MX's address).
std::uint64_t stable_hash(std::string_view text);

}  // namespace tlsrpt::gen
