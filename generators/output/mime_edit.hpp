// Small, exact edits of an RFC 5322 message's top-level header block, for personality shaping and
// the MIME mutators. Header names compare case-insensitively; folded lines belong to their header.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tlsrpt::gen {

// Offset just past the header block's last CRLF (the blank line starts here); npos when absent.
std::size_t header_block_end(std::string_view message);

// The unfolded value of the first `name` header, without leading whitespace.
std::optional<std::string> header_value(std::string_view message, std::string_view name);

// Replaces the first `name` header (with its folded lines) by "name: value\r\n"; false if absent.
// `value` may itself contain "\r\n " folds.
bool replace_header(std::string& message, std::string_view name, std::string_view value);

// Removes every `name` header; returns how many.
int remove_header(std::string& message, std::string_view name);

// Inserts CRLF-terminated header lines at the end of the header block.
void append_headers(std::string& message, std::string_view lines);

// The boundary parameter of the top-level Content-Type (quotes removed); empty when none.
std::string top_boundary(std::string_view message);

}  // namespace tlsrpt::gen
