// Limits and deadlines of one HTTP(S) listener. Every network operation runs under one of these
// deadlines; a client that is too slow, too big or too many is answered 4xx or closed.
#pragma once

#include <chrono>
#include <cstddef>

namespace tlsrpt::fakemx::http {

struct Limits {
  std::size_t header_limit = 16 * 1024;  // request line + headers; above: 431
  std::size_t body_limit = 1 << 20;      // above: 413 (checked against Content-Length up front)
  std::chrono::milliseconds handshake_timeout{10'000};
  std::chrono::milliseconds request_timeout{15'000};  // waiting for and reading one whole request
  std::chrono::milliseconds write_timeout{15'000};
  std::chrono::milliseconds hang_timeout{30'000};  // how long a Disposition::hang holds on
  std::size_t max_connections = 512;               // above: accepted and closed at once
  std::size_t max_requests_per_connection = 100;   // keep-alive
};

}  // namespace tlsrpt::fakemx::http
