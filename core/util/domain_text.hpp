// Domain-shaped text in reports: A-label host names (RFC 5890), RFC 8461 §4.1 mx patterns and the
// RFC 5322 §3.4.1 addr-spec of contact-info. All checks are allocation-free.
#pragma once

#include <string_view>

namespace tlsrpt {

// LDH labels of 1..63 octets, no leading/trailing hyphen, total <= 253, ASCII only ("xn--" labels
// are A-labels). Upper case is allowed (compare with iequals). A single trailing dot is accepted
// only when allow_trailing_dot is set.
bool is_a_label_domain(std::string_view text, bool allow_trailing_dot = false);

// "mx1.example.com" or "*.example.com" (the wildcard only as the whole leftmost label).
bool is_mx_pattern(std::string_view text);

// local-part "@" domain, local-part a dot-atom or quoted-string, domain a dot-atom or [literal].
bool is_addr_spec(std::string_view text);

// The domain part of an addr-spec ("corp.mail.ru" of "tls_support@corp.mail.ru"); empty if none.
std::string_view addr_spec_domain(std::string_view text);

// ASCII case-insensitive equality, ignoring one trailing dot on either side.
bool domain_iequals(std::string_view a, std::string_view b);

// `name` lies below `parent` ("a.mx.example" under "example"), ASCII case ignored; not when equal.
// Both absolute (trailing dot) or both not.
bool is_strict_subdomain(std::string_view name, std::string_view parent);

}  // namespace tlsrpt
