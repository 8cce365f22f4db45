#include "sim/mta/https/http_response.hpp"

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tlsrpt::sim {

namespace http = boost::beast::http;

HttpResponse read_http_response(smtp::Connection& conn, std::size_t max_body, std::chrono::milliseconds deadline) {
  HttpResponse out;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_body);
  parser.header_limit(16 * 1024);
  parser.eager(true);
  std::string pending;
  const auto until = std::chrono::steady_clock::now() + deadline;
  boost::beast::error_code ec;
  bool received_any = false, eof = false, stalled = true;
  while (!parser.is_done()) {
    if (std::chrono::steady_clock::now() > until) {
      out.error = "timed out reading the response";
      return out;
    }
    if (stalled && !eof) {
      eof = !conn.receive(pending);
      received_any = received_any || !pending.empty();
      if (eof && !received_any) {
        out.error = conn.error().empty() ? "no response" : conn.error();
        return out;
      }
    }
    const std::size_t used = pending.empty() ? 0 : parser.put(boost::asio::buffer(pending), ec);
    pending.erase(0, used);
    stalled = used == 0 || pending.empty() || ec == http::error::need_more;
    if (ec == http::error::need_more) ec = {};
    if (ec == http::error::body_limit) {
      out.body_too_large = true;
      out.error = "body larger than " + std::to_string(max_body) + " bytes";
      return out;
    }
    if (ec) {
      out.error = "bad HTTP response: " + ec.message();
      return out;
    }
    if (eof && stalled && !parser.is_done()) {
      parser.put_eof(ec);
      if (ec || !parser.is_done()) {
        out.error = "connection ended early: " + conn.error();
        return out;
      }
    }
  }
  const auto& res = parser.get();
  if (res.body().size() > max_body) {  // belt and braces: the parser's limit is checked per chunk
    out.body_too_large = true;
    out.error = "body larger than " + std::to_string(max_body) + " bytes";
    return out;
  }
  out.complete = true;
  out.status = static_cast<int>(res.result_int());
  out.content_type = std::string(res[http::field::content_type]);
  out.body = res.body();
  return out;
}

}  // namespace tlsrpt::sim
