// Reads one HTTP/1.1 response with Beast's parser: a body cap, a header cap and a deadline for the
// whole response (internal to the MTA-STS fetch and the report POST). The parsing itself is
// transport-free (HttpResponseReader) so that it can be fuzzed.
#pragma once

#include <chrono>
#include <memory>
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

class HttpResponseReader {
 public:
  enum class State { good, bad, indeterminate };

  explicit HttpResponseReader(std::size_t max_body);
  ~HttpResponseReader();
  HttpResponseReader(const HttpResponseReader&) = delete;
  HttpResponseReader& operator=(const HttpResponseReader&) = delete;

  State feed(std::string& pending);               // consumes the bytes the parser used
  State end_of_stream(const std::string& why);    // the peer closed (why: the transport's words)
  const HttpResponse& response() const { return response_; }

 private:
  State finish();
  State failed(std::string error, bool too_large = false);

  struct Parser;
  std::unique_ptr<Parser> parser_;
  std::size_t max_body_;
  HttpResponse response_;
};

HttpResponse read_http_response(smtp::Connection& conn, std::size_t max_body, std::chrono::milliseconds deadline);

}  // namespace tlsrpt::sim
