// The report sink: where reports arrive, by HTTPS POST (RFC 8460 §5.4) and by mail (§5.3, through
// the SMTP server's message hook). Everything received is validated with the core, stored durably
// before it is acknowledged, and listed by entries() and GET /_sink/index.
//
//   sink::Sink sink({.dir = run_dir / "sink", .https_address = "127.0.0.9"});
//   sink.set_identity("reports.test", pki_leaf);   // HTTPS certificate (SNI name)
//   sink.start();                                  // https://127.0.0.9:<sink.https_port()>/...
//   reports_mx.set_message_hook(sink.message_hook());   // mail intake through fakemx/smtp
//   ... sink.entries() / sink.counts() ...
//   sink.stop();
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "fakemx/http/limits.hpp"
#include "fakemx/http/server.hpp"
#include "fakemx/sink/entry.hpp"
#include "fakemx/sink/smtp_intake.hpp"
#include "fakemx/sink/store.hpp"
#include "fakemx/smtp/protocol.hpp"

namespace tlsrpt::fakemx::sink {

struct SinkConfig {
  std::filesystem::path dir;  // created if needed; an existing store is reopened and repaired
  std::string https_address = "127.0.0.1";
  std::uint16_t https_port = 0;  // 0: any free port
  bool https = true;             // false: no HTTP listener (mail only)
  bool tls = true;               // false: plain HTTP (for benchmarks and local tools)
  std::string https_path;        // "" accepts POST on any path
  http::Limits http_limits = default_http_limits();
  InflateLimits inflate{16u << 20, 1000};
  unsigned threads = 2;
  std::size_t max_message = 10u << 20;  // mail intake
  KeyLookup dkim_key_lookup;            // mail intake: DKIM keys (e.g. from fakedns); empty = unchecked
  // strict: RFC 8460 as written, anything else is quarantined; lenient: what real reporters send
  // (reporter-quirks.md) is accepted, with strict's objections kept as warnings.
  Profile profile = Profile::strict;

  static http::Limits default_http_limits() {
    http::Limits limits;
    limits.body_limit = 8u << 20;
    return limits;
  }
};

class Sink {
 public:
  explicit Sink(SinkConfig config);  // opens (and repairs) the store; throws on I/O failure
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  void set_identity(const std::string& server_name, const http::TlsIdentity& identity);
  void start();  // starts the HTTPS listener
  void stop();
  std::uint16_t https_port() const;

  // Mail intake: what the SMTP server's message hook calls, and that hook ready-made:
  //   mx.set_message_hook(sink.message_hook());
  MailReply deliver_mail(const MailDelivery& delivery);
  smtp::MessageHook message_hook();

  std::vector<SinkEntry> entries() const { return store_.entries(); }
  StoreCounts counts() const { return store_.counts(); }
  ReportStore& store() { return store_; }
  const SinkConfig& config() const { return config_; }

 private:
  SinkConfig config_;
  ReportStore store_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace tlsrpt::fakemx::sink
