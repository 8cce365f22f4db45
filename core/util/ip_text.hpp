// IP address text as RFC 8460 §4.4 writes it: IPv4 dotted-quad, IPv6 in RFC 5952 form.
#pragma once

#include <string>
#include <string_view>

namespace tlsrpt {

enum class IpText { invalid, ipv4, ipv6_canonical, ipv6_noncanonical };

// Classifies without allocating. IPv4 octets must be decimal without leading zeros.
IpText classify_ip(std::string_view text);

// The RFC 5952 form of an IPv6 address ("2001:db8:abcd:12::1"); empty if not IPv6.
std::string canonical_ipv6(std::string_view text);

}  // namespace tlsrpt
