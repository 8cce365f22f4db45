#include "sim/mta/https/http_response.hpp"

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tlsrpt::sim {

namespace http = boost::beast::http;

struct HttpResponseReader::Parser {
  http::response_parser<http::string_body> parser;
};

HttpResponseReader::HttpResponseReader(std::size_t max_body)
    : parser_(std::make_unique<Parser>()), max_body_(max_body) {
  parser_->parser.body_limit(max_body);
  parser_->parser.header_limit(16 * 1024);
  parser_->parser.eager(true);
}

HttpResponseReader::~HttpResponseReader() = default;

HttpResponseReader::State HttpResponseReader::failed(std::string error, bool too_large) {
  response_.error = std::move(error);
  response_.body_too_large = too_large;
  return State::bad;
}

HttpResponseReader::State HttpResponseReader::feed(std::string& pending) {
  auto& parser = parser_->parser;
  while (!pending.empty() && !parser.is_done()) {
    boost::beast::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(pending), ec);
    pending.erase(0, used);
    if (ec == http::error::need_more) {
      if (used == 0) break;
      continue;
    }
    if (ec == http::error::body_limit) return failed("body larger than " + std::to_string(max_body_) + " bytes", true);
    if (ec) return failed("bad HTTP response: " + ec.message());
    if (used == 0) break;
  }
  return parser.is_done() ? finish() : State::indeterminate;
}

HttpResponseReader::State HttpResponseReader::end_of_stream(const std::string& why) {
  auto& parser = parser_->parser;
  if (parser.is_done()) return finish();
  // put_eof requires that some of the message arrived; nothing at all is simply an early end.
  if (!parser.got_some()) return failed("connection ended before any response" + (why.empty() ? "" : ": " + why));
  boost::beast::error_code ec;
  parser.put_eof(ec);
  if (ec || !parser.is_done()) return failed("connection ended early" + (why.empty() ? "" : ": " + why));
  return finish();
}

HttpResponseReader::State HttpResponseReader::finish() {
  const auto& res = parser_->parser.get();
  if (res.body().size() > max_body_)  // belt and braces: the parser's limit is checked per chunk
    return failed("body larger than " + std::to_string(max_body_) + " bytes", true);
  response_.complete = true;
  response_.status = static_cast<int>(res.result_int());
  response_.content_type = std::string(res[http::field::content_type]);
  response_.body = res.body();
  return State::good;
}

HttpResponse read_http_response(smtp::Connection& conn, std::size_t max_body, std::chrono::milliseconds deadline) {
  HttpResponseReader reader(max_body);
  std::string pending;
  const auto until = std::chrono::steady_clock::now() + deadline;
  bool received_any = false;
  for (;;) {
    if (std::chrono::steady_clock::now() > until) {
      HttpResponse out;
      out.error = "timed out reading the response";
      return out;
    }
    const bool more = conn.receive(pending);
    received_any = received_any || !pending.empty();
    if (!more && !received_any) {
      HttpResponse out;
      out.error = conn.error().empty() ? "no response" : conn.error();
      return out;
    }
    const auto state = more ? reader.feed(pending) : reader.end_of_stream(conn.error());
    if (state != HttpResponseReader::State::indeterminate) return reader.response();
  }
}

}  // namespace tlsrpt::sim
