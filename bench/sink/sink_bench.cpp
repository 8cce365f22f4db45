// Helper of bench/sink_load.sh: the report sink (or a null endpoint that acknowledges without
// storing, the baseline) on one loopback address, report generation, concurrent mail delivery,
// and the after-crash check of the store.
//   sink_bench serve STORE_DIR ADDRESS CA_FILE PORT_FILE [--null]   (runs until SIGTERM/SIGINT)
//   sink_bench make-reports OUT_DIR COUNT PREFIX
//   sink_bench mail ADDRESS PORT COUNT PREFIX                     (all sessions at once)
//   sink_bench check STORE_DIR ACKED_IDS_FILE
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "bench/sink/mail_load.hpp"
#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"
#include "fakemx/http/pki_identity.hpp"
#include "fakemx/sink/sink.hpp"
#include "fakemx/smtp/mx_server.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tlsrpt;

std::int64_t wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string report_gzip(const std::string& id) {
  Report r;
  r.organization_name = "Load Sender";
  r.date_range = {"2026-03-01T00:00:00Z", "2026-03-01T23:59:59Z"};
  r.contact_info = "tlsrpt@load.test";
  r.report_id = id;
  PolicyReport p;
  p.policy.policy_type = PolicyType::sts;
  p.policy.policy_type_text = "sts";
  p.policy.policy_string = std::vector<std::string>{"version: STSv1", "mode: enforce", "mx: mx1.example.test", "max_age: 86400"};
  p.policy.policy_domain = "example.test";
  p.policy.mx_host = std::vector<std::string>{"mx1.example.test"};
  p.summary.total_successful_session_count = 1000;
  p.summary.total_failure_session_count = 0;
  r.policies.push_back(p);
  return gzip_compress(emit_json(r));
}

int serve(const fs::path& store_dir, const std::string& address, const fs::path& ca_file, const fs::path& port_file,
          bool null_mode) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts

  const auto pki = fakemx::pki::Authority::create(wall_now());
  pki.write_trust_anchor(ca_file);
  fakemx::pki::LeafRequest leaf;
  leaf.host = "reports.test";
  leaf.now = wall_now();
  const auto identity = fakemx::http::identity_from(pki.mint(leaf));

  std::unique_ptr<fakemx::sink::Sink> sink;
  std::unique_ptr<fakemx::http::Server> null_server;
  std::uint16_t https_port = 0;
  fakemx::smtp::MessageHook hook;
  if (null_mode) {
    fakemx::http::ServerConfig config;
    config.address = address;
    config.limits.body_limit = 8u << 20;
    null_server = std::make_unique<fakemx::http::Server>(config, [](const fakemx::http::Request&) {
      return fakemx::http::Response::text(201, "{}\n", "application/json");
    });
    null_server->set_identity("reports.test", identity);
    null_server->start();
    https_port = null_server->port();
    hook = [](const fakemx::smtp::Envelope&, std::string_view) { return fakemx::smtp::Reply{250, "2.0.0 Ok"}; };
  } else {
    fakemx::sink::SinkConfig config;
    config.dir = store_dir;
    config.https_address = address;
    sink = std::make_unique<fakemx::sink::Sink>(config);
    sink->set_identity("reports.test", identity);
    sink->start();
    https_port = sink->https_port();
    hook = sink->message_hook();
  }
  fakemx::smtp::MxServer mx(2);
  fakemx::smtp::MxHostConfig host;
  host.hostname = "reports.test";
  host.address = address;
  host.max_connections = 1024;
  auto reports_mx = mx.add_host(host);
  reports_mx.set_message_hook(hook);

  const fs::path temp = port_file.string() + ".tmp";
  std::ofstream(temp) << https_port << ' ' << reports_mx.port() << '\n';
  fs::rename(temp, port_file);
  int received = 0;
  sigwait(&signals, &received);
  mx.stop();
  return 0;
}

int make_reports(const fs::path& dir, int count, const std::string& prefix) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    const std::string id = prefix + "-" + std::to_string(i);
    std::ofstream(dir / (id + ".json.gz"), std::ios::binary) << report_gzip(id);
  }
  return 0;
}

int mail(const std::string& address, std::uint16_t port, int count, const std::string& prefix) {
  std::vector<std::string> messages;
  for (int i = 0; i < count; ++i) {
    ReportEmailSpec spec;
    spec.from = "tlsrpt@load.test";
    spec.to = "tlsrpt@reports.test";
    spec.policy_domain = "example.test";
    spec.submitter = "load.test";
    spec.report_id = prefix + "-" + std::to_string(i);
    spec.message_id = spec.report_id + "@load.test";
    spec.date_rfc5322 = "Sun, 01 Mar 2026 02:00:00 +0000";
    spec.human_text = "TLS report";
    spec.attachment_name = "load.test!example.test!1772323200!1772409599!" + std::to_string(i) + ".json.gz";
    spec.attachment = report_gzip(spec.report_id);
    messages.push_back(build_report_email(spec));
  }
  const auto start = std::chrono::steady_clock::now();
  const auto results = bench::deliver_concurrently(address, port, messages);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int ok = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const bool delivered = results[i].final_code == 250;
    ok += delivered;
    std::cout << results[i].final_code << ' ' << prefix << '-' << i
              << (results[i].error.empty() ? "" : " " + results[i].error) << '\n';
  }
  std::cerr << "mail: " << ok << "/" << count << " delivered in " << seconds << " s\n";
  return ok == count ? 0 : 1;
}

// Every acknowledged id is in the store exactly once; no id is there twice; every file exists.
int check(const fs::path& store_dir, const fs::path& acked_file) {
  fakemx::sink::ReportStore store(store_dir);
  std::map<std::string, int> seen;
  int missing_files = 0;
  for (const auto& e : store.entries()) {
    ++seen[e.report_id];
    if (!fs::exists(store_dir / e.raw_path)) ++missing_files;
  }
  int acked = 0, lost = 0, twice = 0;
  std::ifstream in(acked_file);
  for (std::string id; std::getline(in, id);) {
    if (id.empty()) continue;
    ++acked;
    if (!seen.count(id)) ++lost;
  }
  for (const auto& [id, n] : seen) twice += n > 1;
  const auto counts = store.counts();
  const auto& rec = store.recovery();
  std::cout << "check: acknowledged=" << acked << " stored=" << counts.stored << " quarantined=" << counts.quarantined
            << " duplicates=" << counts.duplicates << " lost=" << lost << " stored_twice=" << twice
            << " missing_files=" << missing_files << " torn_index_line=" << rec.torn_index_line
            << " reindexed=" << rec.entries_reindexed << " temp_removed=" << rec.temp_files_removed
            << " unacknowledged_dropped=" << rec.unacknowledged_dropped << '\n';
  return lost == 0 && twice == 0 && missing_files == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() >= 5 && args[0] == "serve")
      return serve(args[1], args[2], args[3], args[4], args.size() > 5 && args[5] == "--null");
    if (args.size() == 4 && args[0] == "make-reports") return make_reports(args[1], std::stoi(args[2]), args[3]);
    if (args.size() == 5 && args[0] == "mail")
      return mail(args[1], static_cast<std::uint16_t>(std::stoi(args[2])), std::stoi(args[3]), args[4]);
    if (args.size() == 3 && args[0] == "check") return check(args[1], args[2]);
  } catch (const std::exception& e) {
    std::cerr << "sink_bench: " << e.what() << '\n';
    return 2;
  }
  std::cerr << "usage: sink_bench serve|make-reports|mail|check ... (see bench/sink_load.sh)\n";
  return 2;
}
