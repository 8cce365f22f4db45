#include "fakemx/http/request_parser.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "fakemx/http/beast_convert.hpp"
#include "fakemx/http/error_policy.hpp"

namespace tlsrpt::fakemx::http {

ParseOutcome parse_request(std::string_view bytes, const Limits& limits) {
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
  parser.eager(true);
  ParseOutcome outcome;
  while (!bytes.empty() && !parser.is_done()) {
    boost::system::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == boost::beast::http::error::need_more) break;
    if (ec) {
      const ErrorVerdict verdict = classify_error(ec);
      outcome.status = ParseStatus::rejected;
      outcome.reject_status = verdict.status;
      outcome.reason = std::string(verdict.reason);
      return outcome;
    }
    if (used == 0) break;
    bytes.remove_prefix(used);
  }
  if (parser.is_done()) {
    outcome.status = ParseStatus::complete;
    outcome.request = from_beast(parser.release());
  }
  return outcome;
}

}  // namespace tlsrpt::fakemx::http
