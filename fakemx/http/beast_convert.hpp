// Conversions between Beast messages and our plain Request/Response (server internals only).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "fakemx/http/message.hpp"

namespace tlsrpt::fakemx::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

Request from_beast(BeastRequest&& in);
BeastResponse to_beast(Response&& in, unsigned version, bool keep_alive);

}  // namespace tlsrpt::fakemx::http
