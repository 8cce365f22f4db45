// RFC 8460 §3/§5 report delivery: the _smtp._tls record of the policy domain, then every
// supported rua: mailto: as a DKIM-signed multipart/report over SMTP to the rua domain's MX with
// opportunistic TLS that honours no MTA-STS/DANE failure (§3); https: as a POST of
// application/tlsrpt+gzip. Failed deliveries are retried with exponential backoff for up to 24
// virtual hours after the first attempt (§5.5).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "sim/mta/dns/resolver.hpp"
#include "sim/mta/report/personality.hpp"
#include "sim/mta/report/report_package.hpp"

namespace tlsrpt::sim {

struct DeliveryOutcome;

struct DeliverySettings {
  ReporterIdentity identity;
  Personality personality;
  std::string source_address;
  std::string ehlo_name;
  std::function<std::uint16_t(const std::string& ip)> smtp_port_for;
  std::function<std::uint16_t(const std::string& ip)> https_port_for;
  std::string dkim_selector;
  std::string dkim_private_key_pem;
  std::string ca_file;
  std::chrono::milliseconds timeout{15000};
};

// The report mail exactly as it is sent (DKIM-signed when a key is configured), for `to`.
std::string report_mail(const PackagedReport& report, const DeliverySettings& settings, const std::string& to,
                        UnixSeconds now);

class ReportDelivery {
 public:
  explicit ReportDelivery(DeliverySettings settings) : settings_(std::move(settings)) {}
  DeliveryOutcome deliver(const PackagedReport& report, Resolver& dns, UnixSeconds now);

 private:
  struct Retry {
    UnixSeconds first = 0;
    int failures = 0;
  };
  DeliverySettings settings_;
  std::map<std::string, Retry> retries_;  // by report-id
};

}  // namespace tlsrpt::sim
