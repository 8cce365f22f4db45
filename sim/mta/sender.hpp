// The simulated sending MTA, as the scenario runner drives it:
//
//   Sender s(config);                                   // who it is, how strict, where DNS is
//   SessionOutcome o = s.run_session("example.test", clock.now());   // one message, real network
//   for (auto& r : s.end_of_day(day, clock.now())) s.deliver(r, clock.now());
//
// run_session decides like a careful MTA (reference/sender-rules.md): MTA-STS discovery and
// fetch, DNSSEC-validated MX/TLSA for DANE, MX preference order with fallback, STARTTLS, the
// certificate checks at the virtual time, enforce vs testing, and records one TLSRPT result per
// policy and MX attempt in its Aggregator. Deterministic for a seed. run_session may run on
// several threads at once (the aggregate does not depend on their order); end_of_day and deliver
// run between sessions.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/report/result_types.hpp"
#include "core/util/virtual_clock.hpp"
#include "sim/mta/aggregate/aggregator.hpp"
#include "sim/mta/report/personality.hpp"
#include "sim/mta/report/report_builder.hpp"
#include "sim/mta/report/report_package.hpp"

namespace tlsrpt::sim {

enum class SenderMode { mta_sts, dane, both, opportunistic };
std::string_view to_string(SenderMode m);
std::optional<SenderMode> sender_mode_from(std::string_view text);  // "mta-sts", "dane", "both", "opportunistic"

struct SenderConfig {
  ReporterIdentity identity;             // organization, contact-info, sender domain
  SenderMode mode = SenderMode::mta_sts;
  bool dane_required = false;            // RFC 7672 §6 mandatory DANE (dane-required when absent)
  Personality personality;
  std::uint64_t seed = 1;
  std::string source_address = "127.0.0.1";  // the sender's own loopback address
  std::string dns_server = "127.0.0.1";
  std::uint16_t dns_port = 53;
  std::vector<std::string> trust_anchors;    // DS/DNSKEY RRs for the resolver
  std::string ca_file;                   // WebPKI roots (MTA-STS policy host and MX)
  // Ports of the fake world: the SMTP / HTTPS port listening on an IP (defaults 25 / 443).
  std::function<std::uint16_t(const std::string& ip)> smtp_port_for;
  std::function<std::uint16_t(const std::string& ip)> https_port_for;
  std::string dkim_selector = "tlsrpt";
  std::string dkim_private_key_pem;      // RSA; empty: report mail goes unsigned (receivers must drop it)
  std::chrono::milliseconds step_timeout{15000};
  std::string ehlo_name;                 // default: identity.sender_domain
};

struct MxAttempt {
  std::string mx_host;
  std::string ip;
  std::string policy;                    // "sts", "tlsa", "no-policy-found"
  std::optional<ResultType> result;      // the failure reported for this attempt
  std::string reason;
  bool tls = false;
  bool delivered = false;
  std::string error;                     // transport error (not reported, RFC 8460 §4.3.4)
  std::vector<std::string> transcript;
};

struct SessionOutcome {
  bool delivered = false;
  bool deferred = false;                 // no MX took the message: retried later
  std::optional<ResultType> result;      // the first failure reported in this session
  std::vector<ResultType> results;       // every failure reported (non-exclusive, RFC 8460 §4)
  std::vector<MxAttempt> attempts;
  std::string note;                      // plain-English summary of the decision
};

struct DeliveryAttempt {
  std::string rua;
  bool ok = false;
  std::string detail;                    // status line / SMTP reply / error
};

struct DeliveryOutcome {
  bool delivered = false;                // at least one rua accepted it (RFC 8460 §3)
  bool gave_up = false;                  // 24 virtual hours after the first attempt (§5.5)
  std::optional<UnixSeconds> retry_at;   // exponential backoff when not delivered
  std::vector<DeliveryAttempt> attempts;
  std::string message;                   // the DKIM-signed report mail, when a mailto: was tried
};

class Sender {
 public:
  explicit Sender(SenderConfig config);  // throws std::invalid_argument on a bad config
  ~Sender();
  Sender(Sender&&) noexcept;
  Sender& operator=(Sender&&) noexcept;

  SessionOutcome run_session(const std::string& recipient_domain, UnixSeconds now);
  // The reports of one UTC day (from the aggregate), packaged; the day is then dropped.
  std::vector<PackagedReport> end_of_day(std::int64_t utc_day, UnixSeconds now);
  DeliveryOutcome deliver(const PackagedReport& report, UnixSeconds now);

  const SenderConfig& config() const;
  Aggregator& aggregator();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::sim
