// Shared plumbing for the gzip-level mutators: where a member's header ends (RFC 1952 §2.3).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace tlsrpt::gen::mut {

// Offset of the deflate data in the first member, or nullopt when the header is not gzip or cut short.
std::optional<std::size_t> gzip_header_size(std::string_view gz);

}  // namespace tlsrpt::gen::mut
