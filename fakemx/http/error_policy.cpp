#include "fakemx/http/error_policy.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace tlsrpt::fakemx::http {

namespace bhttp = boost::beast::http;

ErrorVerdict classify_error(const boost::system::error_code& ec) {
  if (ec == bhttp::error::body_limit) return {413, "request body exceeds the limit"};
  if (ec == bhttp::error::header_limit) return {431, "request header exceeds the limit"};
  if (ec == boost::beast::error::timeout) return {0, "deadline expired"};
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset ||
      ec == boost::asio::error::operation_aborted || ec == boost::asio::error::broken_pipe ||
      ec == boost::asio::ssl::error::stream_truncated)
    return {0, "connection closed by the client"};
  if (ec.category() == make_error_code(bhttp::error::bad_method).category() ||
      ec == bhttp::error::buffer_overflow)
    return {400, "malformed HTTP request"};
  return {0, "transport error"};
}

}  // namespace tlsrpt::fakemx::http
