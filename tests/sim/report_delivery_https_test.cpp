// https: rua delivery against the real report sink (fakemx/sink) over loopback TLS, found through
// the _smtp._tls record that fakedns serves, and the 24-virtual-hour retry with backoff when the
// sink is down (RFC 8460 §3, §5.5).
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>

#include "fakedns/server.hpp"
#include "fakemx/http/pki_identity.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/sink/sink.hpp"
#include "sim/mta/delivery/report_delivery.hpp"
#include "sim/mta/report/report_builder.hpp"
#include "sim/mta/sender.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::sim {
namespace {

namespace pki = tlsrpt::fakemx::pki;

constexpr std::int64_t kDay = 20513;  // 2026-03-01
constexpr UnixSeconds kStart = kDay * 86400;
constexpr UnixSeconds kSent = kStart + 86400 + 600;
const ReporterIdentity kWho{"Sim Mail Inc.", "tlsrpt@sender.test", "sender.test"};
const std::string kSinkIp = "127.0.38.9";

class HttpsWorld {
 public:
  HttpsWorld() : authority_(pki::Authority::create(kStart)), dns_(dns_options()) {
    dir_ = test::make_temp_dir("sim-https-rua");
    authority_.write_trust_anchor(dir_ / "ca.pem");
    fakedns::Zone zone("example.test");
    zone.add_default_soa_ns()
        .add_record("_smtp._tls", "TXT", 300, "\"v=TLSRPTv1; rua=https://reports.example.test/v1/tlsrpt\"")
        .add_record("reports", "A", 300, kSinkIp);
    dns_.add_zone(zone, fakedns::parse_dnssec_mode("unsigned", kStart));
    dns_.start();
    fakemx::sink::SinkConfig config;
    config.dir = dir_ / "sink";
    config.https_address = kSinkIp;
    sink_ = std::make_unique<fakemx::sink::Sink>(config);
    pki::LeafRequest leaf;
    leaf.host = "reports.example.test";
    leaf.now = kStart;
    sink_->set_identity("reports.example.test", fakemx::http::identity_from(authority_.mint(leaf)));
  }
  ~HttpsWorld() {
    sink_->stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void start_sink() {
    sink_->start();
    sink_port_ = sink_->https_port();
  }
  fakemx::sink::Sink& sink() { return *sink_; }

  Resolver resolver() const {
    ResolverOptions o;
    o.server = dns_.address();
    o.port = dns_.port();
    return Resolver(o);
  }
  ReportDelivery delivery() const {
    DeliverySettings s;
    s.identity = kWho;
    s.source_address = "127.0.38.200";
    s.ehlo_name = "sender.test";
    s.ca_file = (dir_ / "ca.pem").string();
    // Port 9 (discard) refuses connections: the sink is "down" until it starts.
    s.https_port_for = [this](const std::string& ip) {
      return ip == kSinkIp && sink_port_ != 0 ? sink_port_.load() : std::uint16_t{9};
    };
    s.timeout = std::chrono::milliseconds(5000);
    return ReportDelivery(s);
  }
  std::string stored(const fakemx::sink::SinkEntry& e) const {
    std::ifstream in(dir_ / "sink" / e.raw_path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

 private:
  static fakedns::ServerOptions dns_options() {
    fakedns::ServerOptions o;
    o.address = "127.0.38.53";
    return o;
  }
  std::filesystem::path dir_;
  pki::Authority authority_;
  fakedns::Server dns_;
  std::unique_ptr<fakemx::sink::Sink> sink_;
  std::atomic<std::uint16_t> sink_port_{0};
};

PackagedReport one_report() {
  Aggregator agg;
  const PolicyId id = agg.intern(AppliedPolicy{PolicyType::sts, "example.test",
                                               {"version: STSv1", "mode: enforce", "mx: mx1.example.test",
                                                "max_age: 86400"},
                                               {"mx1.example.test"}, {}});
  agg.record({id, kStart + 60, true, {}});
  auto built = build_reports(agg, kDay, kWho, Personality{}, 7, kSent);
  return package_report(std::move(built.at(0)), kWho, Personality{});
}

TEST(HttpsRua, TheReportIsPostedToTheSinkAndStoredExactly) {
  HttpsWorld w;
  w.start_sink();
  Resolver dns = w.resolver();
  ReportDelivery delivery = w.delivery();
  const PackagedReport report = one_report();
  const DeliveryOutcome d = delivery.deliver(report, dns, kSent);
  ASSERT_TRUE(d.delivered) << (d.attempts.empty() ? "" : d.attempts[0].detail);
  ASSERT_EQ(d.attempts.size(), 1u);
  EXPECT_EQ(d.attempts[0].rua, "https://reports.example.test/v1/tlsrpt");
  EXPECT_FALSE(d.retry_at);
  const auto entries = w.sink().entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].transport, fakemx::sink::Transport::https);
  EXPECT_EQ(entries[0].media_type, "application/tlsrpt+gzip");
  EXPECT_EQ(entries[0].remote_ip, "127.0.38.200");
  EXPECT_EQ(entries[0].verdict, fakemx::sink::Verdict::valid);
  EXPECT_EQ(entries[0].report_id, report.built.report.report_id.value_or("?"));
  EXPECT_EQ(w.stored(entries[0]), report.payload);
}

TEST(HttpsRua, ADownSinkIsRetriedWithBackoffAndGetsTheReportLater) {
  HttpsWorld w;
  Resolver dns = w.resolver();
  ReportDelivery delivery = w.delivery();
  const PackagedReport report = one_report();
  DeliveryOutcome d = delivery.deliver(report, dns, kSent);
  EXPECT_FALSE(d.delivered);
  EXPECT_FALSE(d.gave_up);
  ASSERT_TRUE(d.retry_at);
  const UnixSeconds first_gap = *d.retry_at - kSent;
  d = delivery.deliver(report, dns, *d.retry_at);
  ASSERT_TRUE(d.retry_at);
  EXPECT_GT(*d.retry_at - (kSent + first_gap), first_gap);  // the wait grows
  w.start_sink();
  d = delivery.deliver(report, dns, *d.retry_at);
  EXPECT_TRUE(d.delivered) << (d.attempts.empty() ? "" : d.attempts[0].detail);
  EXPECT_EQ(w.sink().entries().size(), 1u);
}

TEST(HttpsRua, ASinkDownAllDayIsGivenUpAfter24VirtualHours) {
  HttpsWorld w;
  Resolver dns = w.resolver();
  ReportDelivery delivery = w.delivery();
  const PackagedReport report = one_report();
  UnixSeconds at = kSent;
  int attempts = 0;
  DeliveryOutcome d;
  for (; attempts < 64; ++attempts) {
    d = delivery.deliver(report, dns, at);
    if (!d.retry_at) break;
    EXPECT_LE(*d.retry_at, kSent + 86400);
    at = *d.retry_at;
  }
  EXPECT_TRUE(d.gave_up);
  EXPECT_FALSE(d.delivered);
  EXPECT_GE(attempts, 5);   // 5 min, 10, 20, 40, 80, ... within the day
  EXPECT_LT(attempts, 20);  // backoff, not a tight loop
  EXPECT_TRUE(w.sink().entries().empty());
}

}  // namespace
}  // namespace tlsrpt::sim
