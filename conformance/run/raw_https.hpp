// The robustness cases that need control below the shared client: a POST body dribbled slowly,
// and a POST abandoned halfway. Own TLS connection (OpenSSL on a blocking socket with send and
// receive deadlines); nothing else in the suite opens sockets itself.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "conformance/run/target.hpp"

namespace tlsrpt::conformance {

struct RawRequest {
  gen::transport::Endpoint endpoint;
  gen::transport::TlsOptions tls;
  std::chrono::milliseconds timeout{30000};
  std::string content_type;
  std::string body;
};

// Sends the body in small pieces spread over `spread`; `meanwhile` runs once, halfway through.
Delivery post_slowly(const RawRequest& request, std::chrono::milliseconds spread, const std::function<void()>& meanwhile);

// Announces the whole body's Content-Length, sends half of it, and closes the connection.
Delivery post_torn(const RawRequest& request);

}  // namespace tlsrpt::conformance
