// The SMTP command parser and the server-side protocol on arbitrary bytes: the first byte picks
// how the rest is split into reads, as a network would. Invariants: the buffer stays bounded,
// every reply is a well-formed "DDD[ -]text\r\n" line, nothing is read after QUIT or STARTTLS.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <algorithm>
#include <string_view>

#include "fakemx/smtp/command.hpp"
#include "fakemx/smtp/protocol.hpp"

namespace {

void check_replies(std::string_view out) {
  while (!out.empty()) {
    const auto end = out.find("\r\n");
    if (end == std::string_view::npos || end < 4) std::abort();
    for (std::size_t i = 0; i < 3; ++i)
      if (out[i] < '0' || out[i] > '9') std::abort();
    if (out[3] != ' ' && out[3] != '-') std::abort();
    if (out.substr(0, end).find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) std::abort();
    out.remove_prefix(end + 2);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)tlsrpt::fakemx::smtp::parse_command(input);
  (void)tlsrpt::fakemx::smtp::parse_path(input, "FROM:");
  (void)tlsrpt::fakemx::smtp::size_parameter(input);
  if (size == 0) return 0;

  tlsrpt::fakemx::smtp::Limits limits;
  limits.max_line = 512;
  limits.max_message = 4096;
  tlsrpt::fakemx::smtp::Protocol protocol(
      "mx.fuzz.test", limits, {}, [](const tlsrpt::fakemx::smtp::Envelope&, std::string_view) {
        return tlsrpt::fakemx::smtp::Reply{250, "2.0.0 Ok"};
      },
      "127.0.0.1:1");
  const std::size_t chunk = 1 + data[0] % 64;
  std::string_view rest = input.substr(1);
  while (!rest.empty()) {
    std::string out;
    const auto next = protocol.feed(rest.substr(0, chunk), out);
    check_replies(out);
    if (protocol.buffered() > 2 * (limits.max_message + chunk + 2)) std::abort();
    rest.remove_prefix(std::min(chunk, rest.size()));
    if (next == tlsrpt::fakemx::smtp::Protocol::Next::close) break;
    if (next == tlsrpt::fakemx::smtp::Protocol::Next::start_tls) protocol.tls_established();
  }
  return 0;
}
