// Small MIME text encoders for building mail: base64 and quoted-printable bodies, folded header
// fields and RFC 2231 parameters. Every line they produce ends in CRLF and is at most 78 octets.
#pragma once

#include <string>
#include <string_view>

namespace tlsrpt::mime {

// Base64 (RFC 2045 §6.8) in 76-character lines, each ending in CRLF.
std::string base64_lines(std::string_view bytes);

// Quoted-printable (RFC 2045 §6.7); LF or CRLF in the input become CRLF line breaks.
std::string quoted_printable(std::string_view text);

// Whether text can go out as 7bit: ASCII without NUL or bare CR, every line at most 78 octets.
bool fits_7bit(std::string_view text);

// Text with LF or CRLF line ends, rewritten with CRLF.
std::string to_crlf(std::string_view text);

// "Name: value" folded at spaces so no line passes 78 octets (a single longer word stays whole),
// ending in CRLF. CR and LF inside the value are replaced by spaces (no header injection).
std::string header_field(std::string_view name, std::string_view value);

// One Content-* parameter: `name="value"`, or RFC 2231 continuations (`name*0="..."`,
// `name*0*=utf-8''%..` for non-ASCII) when it would not fit on a 78-octet line.
// The result is a list of "; "-separated pieces to place on their own folded lines.
std::string parameter(std::string_view name, std::string_view value);

}  // namespace tlsrpt::mime
