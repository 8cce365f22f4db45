// libFuzzer target: the HTTP request handling of the policy host and the report sink, without
// sockets. Bytes are parsed with the server's limits and error policy; a complete request goes
// through the accessors the handlers use and, as a report submission, through the sink's body
// examination (gzip with caps, JSON, strict validation).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fakemx/http/request_parser.hpp"
#include "fakemx/sink/examine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tlsrpt::fakemx;
  http::Limits limits;
  limits.header_limit = 8 * 1024;
  limits.body_limit = 256 * 1024;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const http::ParseOutcome outcome = http::parse_request(bytes, limits);
  if (outcome.status == http::ParseStatus::rejected && outcome.reject_status != 0 &&
      (outcome.reject_status < 400 || outcome.reject_status > 499))
    __builtin_trap();  // the error policy only ever answers 4xx
  if (!outcome.request) return 0;
  const http::Request& request = *outcome.request;
  (void)request.path();
  (void)request.host();
  const auto type = request.header("Content-Type").value_or("");
  tlsrpt::InflateLimits inflate;
  inflate.max_output = 1 << 20;
  inflate.max_ratio = 100;
  sink::SinkEntry entry;
  const sink::Examined examined = sink::examine_report(request.body, type, inflate);
  if (examined.report) sink::summarise(*examined.report, entry);
  return 0;
}
