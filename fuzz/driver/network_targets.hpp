// `fuzz --http URL` and `fuzz --smtp HOST:PORT`: every case is one report delivered with the shared
// report client (generators/transport/report_client.hpp), HTTPS POST as RFC 8460 §5.4 on a
// kept-alive connection, or one SMTP transaction (STARTTLS when offered). Hangs, resets and 5xx
// answers are findings; after trouble a liveness probe tells whether the receiver died.
#pragma once

#include <chrono>
#include <memory>
#include <regex>
#include <set>
#include <string>

#include "fuzz/driver/target.hpp"
#include "generators/transport/report_client.hpp"

namespace tlsrpt::fuzz {

struct NetworkOracle {
  std::set<int> accept_status, reject_status;  // HTTP: default 2xx accept, 4xx reject; SMTP: 2xx / 5xx
  std::string accept_regex, reject_regex;      // on the HTTP body or the SMTP reply
};

struct NetworkConfig {
  gen::transport::Endpoint endpoint;
  gen::transport::TlsOptions tls;
  std::chrono::milliseconds timeout{2000};
  NetworkOracle oracle;
  std::string url;               // as given, for the summary and repro.sh
  std::string probe_path = "/";  // HTTP liveness probe (any answer = alive)
  std::string mail_from = "tlsrpt-lab@reporter.invalid";
  std::string rcpt = "tlsrpt@receiver.invalid";
};

std::unique_ptr<Target> make_http_target(const NetworkConfig& config);
std::unique_ptr<Target> make_smtp_target(const NetworkConfig& config);

// Whether `host` is a loopback address literal (127.0.0.0/8, ::1) or localhost. The fuzzer
// contacts nothing else (and resolves no names) unless told --allow-remote.
bool is_loopback_host(const std::string& host);

}  // namespace tlsrpt::fuzz
