// RFC 3986 URI text checks for record values: scheme, allowed characters, %-escapes.
#pragma once

#include <string>
#include <string_view>

namespace tlsrpt::records {

// The scheme before ":" (lowercased) or empty when the text does not start with one.
std::string uri_scheme(std::string_view uri);

// Offset of the first character not allowed in a URI (or a broken %-escape), or npos. `extra_banned`
// lists characters that are legal URI characters but must be %-encoded in this context.
std::size_t bad_uri_char(std::string_view uri, std::string_view extra_banned = {});

// %XX decoded (the caller has already checked the escapes).
std::string percent_decode(std::string_view text);

}  // namespace tlsrpt::records
