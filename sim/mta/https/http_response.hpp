// Reads one HTTP/1.1 response from a client connection with Beast's parser: a body cap, a header
// cap and a deadline for the whole response (internal to the MTA-STS fetch and the report POST).
#pragma once

#include <chrono>
#include <string>

#include "sim/mta/smtp/connection.hpp"

namespace tlsrpt::sim {

struct HttpResponse {
  bool complete = false;
  bool body_too_large = false;
  int status = 0;
  std::string content_type;
  std::string body;
  std::string error;  // why it is not complete
};

HttpResponse read_http_response(smtp::Connection& conn, std::size_t max_body, std::chrono::milliseconds deadline);

}  // namespace tlsrpt::sim
