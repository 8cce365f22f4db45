// The one place that decides what a failed read or write means for the client: an HTTP status
// to answer with (malformed or oversized request) or a silent close (timeout, reset, TLS garbage).
#pragma once

#include <string_view>

#include <boost/system/error_code.hpp>

namespace tlsrpt::fakemx::http {

struct ErrorVerdict {
  int status = 0;             // 0: close without answering
  std::string_view reason;    // short plain text for the response body and the log
};

ErrorVerdict classify_error(const boost::system::error_code& ec);

}  // namespace tlsrpt::fakemx::http
