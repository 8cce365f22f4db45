#include "tests/conformance/sink_fixture.hpp"

#include <chrono>
#include <fstream>

#include "fakemx/http/pki_identity.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/sink/sink.hpp"
#include "fakemx/smtp/mx_server.hpp"

namespace tlsrpt::test {

namespace fs = std::filesystem;

struct ConformanceSink::Impl {
  fs::path ca;
  std::string record;
  std::unique_ptr<fakemx::sink::Sink> sink;
  std::unique_ptr<fakemx::smtp::MxServer> mx;
  std::uint16_t smtp_port = 0;
};

ConformanceSink::ConformanceSink(const fs::path& dir, const std::string& dkim_record) : impl_(std::make_unique<Impl>()) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto authority = fakemx::pki::Authority::create(now);
  impl_->ca = dir / "ca.pem";
  authority.write_trust_anchor(impl_->ca);
  impl_->record = dkim_record;

  fakemx::pki::LeafRequest leaf;
  leaf.host = "localhost";
  leaf.now = now;

  fakemx::sink::SinkConfig config;
  config.dir = dir / "store";
  config.https_address = "127.0.0.1";
  config.https_path = "/tlsrpt";
  config.dkim_key_lookup = [record = impl_->record](std::string_view selector, std::string_view) -> std::optional<std::string> {
    if (selector == "tlsrpt") return record;
    return std::nullopt;
  };
  impl_->sink = std::make_unique<fakemx::sink::Sink>(config);
  impl_->sink->set_identity("localhost", fakemx::http::identity_from(authority.mint(leaf)));
  impl_->sink->start();

  impl_->mx = std::make_unique<fakemx::smtp::MxServer>(2);
  fakemx::smtp::MxHostConfig host;
  host.hostname = "localhost";
  host.address = "127.0.0.1";
  host.limits.max_message = 32u << 20;
  auto mx = impl_->mx->add_host(host);
  mx.set_credential(std::make_shared<const fakemx::pki::Credential>(authority.mint(leaf)));
  mx.set_message_hook(impl_->sink->message_hook());
  impl_->smtp_port = mx.port();
}

ConformanceSink::~ConformanceSink() {
  impl_->mx.reset();
  impl_->sink.reset();
}

std::string ConformanceSink::https_url() const {
  return "https://localhost:" + std::to_string(impl_->sink->https_port()) + "/tlsrpt";
}

std::string ConformanceSink::oracle_url() const {
  return "https://localhost:" + std::to_string(impl_->sink->https_port()) + "/_sink/index";
}

std::string ConformanceSink::smtp_address() const { return "localhost:" + std::to_string(impl_->smtp_port); }

fs::path ConformanceSink::ca_file() const { return impl_->ca; }

std::string record_from_zone_lines(const std::string& lines) {
  const std::string first = lines.substr(0, lines.find('\n'));
  std::string record;
  bool in = false;
  for (char c : first) {
    if (c == '"') in = !in;
    else if (in) record += c;
  }
  return record;
}

}  // namespace tlsrpt::test
