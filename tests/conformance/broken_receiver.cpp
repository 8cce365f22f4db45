#include "tests/conformance/broken_receiver.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "fakemx/http/pki_identity.hpp"
#include "fakemx/http/server.hpp"
#include "fakemx/pki/authority.hpp"

namespace tlsrpt::test {

namespace http = fakemx::http;

struct BrokenReceiver::Impl {
  BrokenFlaws flaws;
  std::filesystem::path ca;
  std::mutex mutex;
  nlohmann::json held = nlohmann::json::object();  // report-id -> oracle entry
  std::unique_ptr<http::Server> server;

  http::Response handle(const http::Request& request) {
    if (request.path() == "/export") {
      std::lock_guard lock(mutex);
      nlohmann::json reports = nlohmann::json::array();
      for (const auto& [id, entry] : held.items()) reports.push_back(entry);
      return http::Response::text(200, nlohmann::json{{"reports", reports}}.dump(), "application/json");
    }
    if (request.method != "POST" || request.path() != "/report") return http::Response::text(404, "no\n");
    std::string body = request.body;
    if (looks_gzipped(body)) {
      if (flaws.gzip_500) return http::Response::text(500, "gzip is not implemented\n");
      const InflateLimits limits = flaws.accepts_bombs ? InflateLimits{1u << 30, 0} : InflateLimits{16u << 20, 1000};
      auto inflated = gunzip_capped(body, limits);
      if (!inflated.ok()) return http::Response::text(413, inflated.message + "\n");
      body = std::move(inflated.data);
    }
    const auto parsed = parse_report(body, Profile::lenient);
    if (!parsed.report || !parsed.report->report_id) return http::Response::text(400, "not a report\n");
    nlohmann::json entry = {{"report-id", *parsed.report->report_id}, {"copies", 1}};
    std::int64_t ok = 0, failed = 0;
    std::map<std::string, std::int64_t> counts;
    for (const auto& p : parsed.report->policies) {
      ok += p.summary.total_successful_session_count.value_or(0);
      failed += p.summary.total_failure_session_count.value_or(0);
      for (const auto& d : p.failure_details.value_or(std::vector<FailureDetail>{})) {
        if (flaws.drops_fetch_error && d.result_type == "sts-policy-fetch-error") continue;
        counts[d.result_type] += d.failed_session_count.value_or(0);
      }
    }
    entry["successful-sessions"] = ok;
    entry["failed-sessions"] = failed;
    entry["result-counts"] = counts;
    std::lock_guard lock(mutex);
    held[*parsed.report->report_id] = entry;
    return http::Response::text(200, "ok\n");
  }
};

BrokenReceiver::BrokenReceiver(const std::filesystem::path& dir, BrokenFlaws flaws) : impl_(std::make_unique<Impl>()) {
  impl_->flaws = flaws;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto authority = fakemx::pki::Authority::create(now);
  impl_->ca = dir / "broken-ca.pem";
  authority.write_trust_anchor(impl_->ca);
  fakemx::pki::LeafRequest leaf;
  leaf.host = "localhost";
  leaf.now = now;
  http::ServerConfig config;
  config.address = "127.0.0.1";
  config.limits.body_limit = 64u << 20;
  impl_->server = std::make_unique<http::Server>(config, [this](const http::Request& r) { return impl_->handle(r); });
  impl_->server->set_identity("localhost", http::identity_from(authority.mint(leaf)));
  impl_->server->start();
}

BrokenReceiver::~BrokenReceiver() { impl_->server.reset(); }

std::string BrokenReceiver::url() const { return "https://localhost:" + std::to_string(impl_->server->port()) + "/report"; }
std::string BrokenReceiver::oracle_url() const {
  return "https://localhost:" + std::to_string(impl_->server->port()) + "/export";
}
std::filesystem::path BrokenReceiver::ca_file() const { return impl_->ca; }

}  // namespace tlsrpt::test
