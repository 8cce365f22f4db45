// Where the cases go: an HTTPS endpoint, an SMTP server (STARTTLS when offered), a directory the
// receiver watches (a maildir takes mail; a plain directory takes report files). Ordinary
// deliveries use the shared report client; liveness is probed after every case.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/cases/case.hpp"
#include "conformance/payload/payload.hpp"
#include "generators/transport/report_client.hpp"

namespace tlsrpt::conformance {

struct TargetConfig {
  std::optional<gen::transport::Endpoint> https;
  std::optional<gen::transport::Endpoint> smtp;
  std::filesystem::path drop;  // empty = none
  bool drop_mail = false;      // the drop directory takes mail (.eml files) even if it is not a maildir
  std::string rcpt = "tlsrpt@reports.conformance.example";  // SMTP RCPT TO
  gen::transport::TlsOptions tls;
  std::chrono::milliseconds timeout{30000};
};

// One delivery's outcome at the transport.
struct Delivery {
  unsigned answer = closed;  // one Answer bit
  int status = 0;
  std::string summary;       // "201 Created", "250 2.0.0 Ok", "connection reset", "written to DIR/x"
  std::string transcript;
  std::chrono::milliseconds elapsed{};
};

unsigned answer_of_status(int status);  // HTTP status or SMTP reply code; 0 = closed
Delivery delivery_of(const gen::transport::Response& response);

struct Liveness {
  bool alive = true;
  std::string detail;  // what failed
};

class Targets {
 public:
  explicit Targets(TargetConfig config);
  ~Targets();

  // The channel that carries `c` to this target, or nullopt (and why) when none does.
  std::optional<Channel> route(const Case& c, std::string& why_not) const;

  Delivery deliver(Channel channel, const Payload& payload);
  Liveness probe();

  const TargetConfig& config() const { return config_; }
  std::string describe() const;

 private:
  Delivery drop_file(const Payload& payload);
  bool maildir() const;     // DIR/new exists: messages go through tmp/ into new/
  bool drop_takes_mail() const;

  TargetConfig config_;
  std::unique_ptr<gen::transport::HttpsClient> https_;
  std::uint64_t dropped_ = 0;
};

}  // namespace tlsrpt::conformance
