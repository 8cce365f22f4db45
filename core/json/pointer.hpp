// RFC 6901 JSON pointers for findings, built only when something is wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tlsrpt::json_pointer {

// Appends "/" and the escaped token ("~" -> "~0", "/" -> "~1").
void append(std::string& pointer, std::string_view token);
void append(std::string& pointer, std::size_t index);

// "/policies/<i>" + suffix (suffix already a pointer, e.g. "/policy/policy-domain").
std::string policy(std::size_t i, std::string_view suffix = {});
// "/policies/<i>/failure-details/<j>" + suffix
std::string detail(std::size_t i, std::size_t j, std::string_view suffix = {});

}  // namespace tlsrpt::json_pointer
