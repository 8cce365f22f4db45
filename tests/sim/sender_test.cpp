// The Sender facade end to end over loopback: NSD serving a DNSSEC-signed zone (ldns-signzone),
// fake MX hosts (fakemx/smtp) with minted certificates, and the report mailed to a fake MX whose
// message hook plays the sink; the report that arrives is parsed and validated strictly.
#include "sim/mta/sender.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <mutex>

#include "core/formats/dkim.hpp"
#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/tlsa.hpp"
#include "fakemx/policy/policy_server.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "tests/support/nsd_zone.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::sim {
namespace {

namespace pki = tlsrpt::fakemx::pki;
namespace fsmtp = tlsrpt::fakemx::smtp;

struct MxSpec {
  std::string name;  // "mx1"
  std::string ip;
  pki::Profile profile = pki::Profile::valid;
  enum class Tlsa { none, match_ee, mismatch_ee, unusable } tlsa = Tlsa::none;
};

std::string quoted_strings(const std::string& text);

// One fake world: MX hosts with certificates, a signed zone naming them, a report mailbox host.
class World {
 public:
  // sts_policy: when set, an MTA-STS policy host serves it and the zone publishes _mta-sts.
  // aliases: MX name -> CNAME target in the zone, which then holds that MX's A and TLSA records.
  World(const std::vector<MxSpec>& mxs, bool sign, UnixSeconds now,
        std::optional<std::vector<std::string>> sts_policy = std::nullopt,
        const std::map<std::string, std::string>& aliases = {})
      : server_(1), now_(now) {
    authority_ = std::make_unique<pki::Authority>(pki::Authority::create(now));
    dir_ = test::make_temp_dir("sim-sender");
    ca_file_ = (dir_ / "ca.pem").string();
    authority_->write_trust_anchor(ca_file_);
    dkim_ = make_dkim_key(2048);
    std::string zone = "$ORIGIN example.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n"
                       "@ IN NS ns1\nns1 IN A 127.0.0.1\n";
    int pref = 10;
    for (const MxSpec& m : mxs) {
      const std::string host = m.name + ".example.test";
      auto cred = add_host(host, m.ip, m.profile);
      const auto alias = aliases.find(m.name);
      const std::string target = alias == aliases.end() ? m.name : alias->second;
      zone += "@ IN MX " + std::to_string(pref) + " " + m.name + "\n" + target + " IN A " + m.ip + "\n";
      if (target != m.name) zone += m.name + " IN CNAME " + target + "\n";
      pref += 10;
      if (m.tlsa != MxSpec::Tlsa::none) {
        auto t = pki::tlsa_for(*cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256);
        if (m.tlsa == MxSpec::Tlsa::mismatch_ee) t = pki::with_flipped_byte(t);
        std::string text = t.text();
        if (m.tlsa == MxSpec::Tlsa::unusable) text = "1 1 1 " + text.substr(6);  // PKIX-EE: unusable for SMTP
        zone += "_25._tcp." + target + " IN TLSA " + text + "\n";
      }
    }
    add_host("reports.example.test", "127.0.34.99", pki::Profile::valid);
    reports_host_->set_message_hook([this](const fsmtp::Envelope&, std::string_view mail) {
      std::lock_guard lock(mutex_);
      mails_.emplace_back(mail);
      return fsmtp::Reply{250, "2.0.0 report stored"};
    });
    zone += "reports IN A 127.0.34.99\nreports IN MX 10 reports\n"
            "_smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@reports.example.test\"\n"
            "tlsrpt._domainkey.sender.test IN TXT " + quoted_strings(dkim_txt_record(dkim_.public_key_b64)) + "\n";
    if (sts_policy) {
      fakemx::policy::PolicyServerConfig pc;
      pc.address = "127.0.34.50";
      pc.pki = authority_.get();
      pc.now = [now] { return now; };
      policy_ = std::make_unique<fakemx::policy::PolicyServer>(pc);
      policy_->add_domain("example.test", *sts_policy);
      policy_->start();
      https_ports_[pc.address] = policy_->port();
      zone += "_mta-sts IN TXT \"v=STSv1; id=20260301\"\nmta-sts IN A 127.0.34.50\n";
    }
    nsd_ = std::make_unique<test::NsdZone>("example.test", zone, sign);
  }
  fakemx::policy::PolicyServer& policy() { return *policy_; }
  ~World() {
    server_.stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  bool ok() const { return nsd_->running(); }
  std::string error() const { return nsd_->error(); }

  SenderConfig config(SenderMode mode) const {
    SenderConfig c;
    c.identity = ReporterIdentity{"Sim Mail Inc.", "tlsrpt@sender.test", "sender.test"};
    c.mode = mode;
    c.seed = 7;
    c.source_address = "127.0.34.200";
    c.dns_port = nsd_->port();
    if (!nsd_->ds().empty()) c.trust_anchors = {nsd_->ds()};
    c.ca_file = ca_file_;
    c.smtp_port_for = [ports = ports_](const std::string& ip) {
      auto it = ports.find(ip);
      return it == ports.end() ? std::uint16_t{25} : it->second;
    };
    c.https_port_for = [ports = https_ports_](const std::string& ip) {
      auto it = ports.find(ip);
      return it == ports.end() ? std::uint16_t{443} : it->second;
    };
    c.dkim_private_key_pem = dkim_.private_key_pem;
    c.step_timeout = std::chrono::milliseconds(5000);
    return c;
  }

  std::vector<std::string> mails() const {
    std::lock_guard lock(mutex_);
    return mails_;
  }
  const DkimKeyPair& dkim() const { return dkim_; }
  UnixSeconds now() const { return now_; }

 private:
  std::shared_ptr<pki::Credential> add_host(const std::string& host, const std::string& ip, pki::Profile profile) {
    fsmtp::MxHostConfig hc;
    hc.hostname = host;
    hc.address = ip;
    fsmtp::MxHost h = server_.add_host(hc);
    pki::LeafRequest req;
    req.host = host;
    req.profile = profile;
    req.now = now_;
    auto cred = std::make_shared<pki::Credential>(authority_->mint(req));
    h.set_credential(cred);
    h.set_message_hook([](const fsmtp::Envelope&, std::string_view) { return fsmtp::Reply{250, "2.0.0 ok"}; });
    ports_[ip] = h.port();
    if (host.starts_with("reports.")) reports_host_ = std::make_unique<fsmtp::MxHost>(h);
    return cred;
  }

  fsmtp::MxServer server_;
  UnixSeconds now_;
  std::unique_ptr<pki::Authority> authority_;
  std::filesystem::path dir_;
  std::string ca_file_;
  DkimKeyPair dkim_;
  std::map<std::string, std::uint16_t> ports_;
  std::map<std::string, std::uint16_t> https_ports_;
  std::unique_ptr<fakemx::policy::PolicyServer> policy_;
  std::unique_ptr<fsmtp::MxHost> reports_host_;
  std::unique_ptr<test::NsdZone> nsd_;
  mutable std::mutex mutex_;
  std::vector<std::string> mails_;
};

// A TXT rdata as zone-file character-strings of at most 255 octets.
std::string quoted_strings(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 255) out += "\"" + text.substr(i, 255) + "\" ";
  return out;
}

UnixSeconds wall_now() { return static_cast<UnixSeconds>(std::time(nullptr)); }

#define REQUIRE_WORLD(w)                                                              \
  if (!test::NsdZone::available()) GTEST_SKIP() << "nsd, ldnsutils or dig missing"; \
  ASSERT_TRUE((w).ok()) << (w).error()

// The report that reached the mailbox, checked the way a receiver checks it.
Report arrived_report(const World& w) {
  auto mails = w.mails();
  EXPECT_EQ(mails.size(), 1u);
  if (mails.empty()) return {};
  Findings findings;
  auto email = parse_report_email(mails.back(), findings);
  EXPECT_TRUE(email);
  if (!email) return {};
  EXPECT_EQ(email->tls_report_submitter, "sender.test");
  auto dkim = dkim_verify(
      mails.back(),
      [&](std::string_view selector, std::string_view domain) -> std::optional<std::string> {
        if (selector == "tlsrpt" && domain == "sender.test") return dkim_txt_record(w.dkim().public_key_b64);
        ADD_FAILURE() << "unexpected DKIM key lookup " << selector << " / " << domain;
        return std::nullopt;
      },
      w.now() + 60);
  EXPECT_TRUE(dkim.ok()) << dkim.reason;
  auto json = gunzip_capped(email->report_bytes);
  EXPECT_TRUE(json.ok());
  auto parsed = parse_report(json.data, Profile::strict);
  EXPECT_TRUE(parsed.valid()) << json.data;
  for (const auto& f : parsed.findings) ADD_FAILURE() << f.rule << ": " << f.message;
  return parsed.report.value_or(Report{});
}

TEST(Sender, OpportunisticDeliveryAndANoPolicyFoundReportArrivesSignedAndStrict) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now());
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::opportunistic));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_FALSE(o.result);
  ASSERT_EQ(o.attempts.size(), 1u);
  EXPECT_TRUE(o.attempts[0].tls);
  EXPECT_EQ(o.attempts[0].policy, "no-policy-found");

  // Delivered at the wall-clock "now": OpenDKIM's verifier rejects signatures dated in the future.
  auto reports = s.end_of_day(utc_day(w.now()), w.now());
  ASSERT_EQ(reports.size(), 1u);
  DeliveryOutcome d = s.deliver(reports[0], w.now());
  ASSERT_TRUE(d.delivered) << (d.attempts.empty() ? "" : d.attempts[0].detail);
  Report r = arrived_report(w);
  ASSERT_EQ(r.policies.size(), 1u);
  EXPECT_EQ(r.policies[0].policy.policy_type, PolicyType::no_policy_found);
  EXPECT_EQ(r.policies[0].summary.total_successful_session_count, 1);
  EXPECT_EQ(r.organization_name, "Sim Mail Inc.");
}

TEST(Sender, DaneEeMatchDeliversEvenWithAnExpiredCertificate) {
  World w({{"mx1", "127.0.34.1", pki::Profile::expired, MxSpec::Tlsa::match_ee}}, true, wall_now());
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::dane));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_FALSE(o.result);
  ASSERT_EQ(o.attempts.size(), 1u);
  EXPECT_EQ(o.attempts[0].policy, "tlsa");
  auto day = s.aggregator().day(utc_day(w.now()));
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].policy->type, PolicyType::tlsa);
  EXPECT_EQ(day[0].policy->domain, "mx1.example.test");
  EXPECT_EQ(day[0].successes, 1);
}

TEST(Sender, DaneFollowsASecureCnameToItsTlsaBaseDomain) {
  World w({{"mx1", "127.0.34.1", pki::Profile::expired, MxSpec::Tlsa::match_ee}}, true, wall_now(), std::nullopt,
          {{"mx1", "host7"}});
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::dane));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_FALSE(o.result);  // DANE-EE at the expanded name: expiry does not matter
  ASSERT_EQ(o.attempts.size(), 1u);
  EXPECT_EQ(o.attempts[0].policy, "tlsa");
  auto day = s.aggregator().day(utc_day(w.now()));
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].policy->domain, "host7.example.test");  // RFC 7672 §2.2.2, RFC 8460 §1.1
  EXPECT_EQ(day[0].successes, 1);
}

TEST(Sender, DaneMismatchFallsBackToTheNextMxAndReportsValidationFailure) {
  World w({{"mx1", "127.0.34.1", pki::Profile::valid, MxSpec::Tlsa::mismatch_ee},
           {"mx2", "127.0.34.2", pki::Profile::valid, MxSpec::Tlsa::match_ee}},
          true, wall_now());
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::dane));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  ASSERT_EQ(o.attempts.size(), 2u) << o.note;
  EXPECT_EQ(o.attempts[0].result, ResultType::validation_failure);
  EXPECT_EQ(o.attempts[0].reason, "X509_V_ERR_DANE_NO_MATCH");
  EXPECT_FALSE(o.attempts[0].delivered);
  EXPECT_TRUE(o.attempts[1].delivered);
  auto reports = s.end_of_day(utc_day(w.now()), w.now());
  // One report to the recipient domain (RFC 8460 §3) with a tlsa policy per TLSA base domain (§1.1).
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].built.policy_domain, "example.test");
  ASSERT_EQ(reports[0].built.report.policies.size(), 2u);
  EXPECT_EQ(reports[0].built.report.policies[1].policy.policy_domain, "mx2.example.test");
  const auto& p = reports[0].built.report.policies.at(0);
  EXPECT_EQ(p.policy.policy_domain, "mx1.example.test");
  EXPECT_EQ(p.summary.total_failure_session_count, 1);
  EXPECT_EQ(p.failure_details->at(0).receiving_ip, "127.0.34.1");
  EXPECT_EQ(p.failure_details->at(0).sending_mta_ip, "127.0.34.200");
  EXPECT_EQ(p.failure_details->at(0).receiving_mx_helo, "mx1.example.test");
}

TEST(Sender, AllTlsaUnusableIsTlsaInvalidButStillEncrypted) {
  World w({{"mx1", "127.0.34.1", pki::Profile::valid, MxSpec::Tlsa::unusable}}, true, wall_now());
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::dane));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_EQ(o.result, ResultType::tlsa_invalid);
  EXPECT_TRUE(o.attempts.at(0).tls);
}

TEST(Sender, BogusDnssecAtTheVirtualTimeDefersWithDnssecInvalid) {
  World w({{"mx1", "127.0.34.1", pki::Profile::valid, MxSpec::Tlsa::match_ee}}, true, wall_now());
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::dane));
  SessionOutcome o = s.run_session("example.test", w.now() + 90 * 86400);  // signatures long expired
  EXPECT_FALSE(o.delivered);
  EXPECT_TRUE(o.deferred);
  EXPECT_EQ(o.result, ResultType::dnssec_invalid);
}

TEST(Sender, MandatoryDaneOnAnUnsignedZoneIsDaneRequired) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now());
  REQUIRE_WORLD(w);
  SenderConfig c = w.config(SenderMode::dane);
  c.dane_required = true;
  Sender s(c);
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_FALSE(o.delivered);
  EXPECT_TRUE(o.deferred);
  EXPECT_EQ(o.result, ResultType::dane_required);
}

TEST(Sender, StsSenderWithoutAnStsRecordDeliversOpportunistically) {
  World w({{"mx1", "127.0.34.1", pki::Profile::self_signed}}, false, wall_now());
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_FALSE(o.result);  // no policy: the certificate is not checked
  EXPECT_EQ(o.attempts.at(0).policy, "no-policy-found");
}

TEST(Sender, SameSeedSameReportBytes) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now());
  REQUIRE_WORLD(w);
  std::vector<std::string> payloads;
  for (int run = 0; run < 2; ++run) {
    Sender s(w.config(SenderMode::opportunistic));
    s.run_session("example.test", w.now());
    auto reports = s.end_of_day(utc_day(w.now()), w.now() + 86400);
    ASSERT_EQ(reports.size(), 1u);
    payloads.push_back(reports[0].payload + reports[0].filename);
    DeliveryOutcome d = s.deliver(reports[0], w.now() + 86400);
    payloads.back() += d.message;
  }
  EXPECT_EQ(payloads[0], payloads[1]);
}

std::vector<std::string> sts_lines(const std::string& mode) {
  return {"version: STSv1", "mode: " + mode, "max_age: 86400", "mx: mx1.example.test", "mx: mx2.example.test"};
}

TEST(SenderMtaSts, EnforceSkipsAnExpiredMxAndDeliversToTheNext) {
  World w({{"mx1", "127.0.34.1", pki::Profile::expired}, {"mx2", "127.0.34.2"}}, false, wall_now(),
          sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  ASSERT_EQ(o.attempts.size(), 2u) << o.note;
  EXPECT_EQ(o.attempts[0].result, ResultType::certificate_expired);
  EXPECT_EQ(o.attempts[0].reason, "X509_V_ERR_CERT_HAS_EXPIRED");
  EXPECT_FALSE(o.attempts[0].delivered);
  EXPECT_TRUE(o.attempts[1].delivered);
  auto reports = s.end_of_day(utc_day(w.now()), w.now());
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(parse_report(reports[0].json, Profile::strict).valid()) << reports[0].json;
  const PolicyReport& p = reports[0].built.report.policies.at(0);
  EXPECT_EQ(p.policy.policy_type, PolicyType::sts);
  EXPECT_EQ(p.policy.policy_string, sts_lines("enforce"));
  EXPECT_EQ(p.policy.mx_host, (std::vector<std::string>{"mx1.example.test", "mx2.example.test"}));
  EXPECT_EQ(p.summary.total_successful_session_count, 1);
  EXPECT_EQ(p.summary.total_failure_session_count, 1);
}

TEST(SenderMtaSts, EnforceWithEveryMxBrokenDefers) {
  World w({{"mx1", "127.0.34.1", pki::Profile::wrong_name}}, false, wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_FALSE(o.delivered);
  EXPECT_TRUE(o.deferred);
  EXPECT_EQ(o.result, ResultType::certificate_host_mismatch);
}

TEST(SenderMtaSts, TestingDeliversAnywayAndStillCountsTheFailure) {
  World w({{"mx1", "127.0.34.1", pki::Profile::self_signed}}, false, wall_now(), sts_lines("testing"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_EQ(o.result, ResultType::certificate_not_trusted);
}

TEST(SenderMtaSts, PolicyFetchErrorIsReportedAndDeliveryIsOpportunistic) {
  World w({{"mx1", "127.0.34.1", pki::Profile::self_signed}}, false, wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  w.policy().set_fault("example.test", "http-404");
  Sender s(w.config(SenderMode::mta_sts));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_EQ(o.result, ResultType::sts_policy_fetch_error);
  auto reports = s.end_of_day(utc_day(w.now()), w.now());
  ASSERT_EQ(reports.size(), 1u);
  // No policy body was fetched, so there is no policy-string to echo: the strict profile asks for
  // one, which no real reporter can give here; the report must still be valid leniently.
  EXPECT_TRUE(parse_report(reports[0].json, Profile::lenient).valid()) << reports[0].json;
  const auto& detail = reports[0].built.report.policies.at(0).failure_details->at(0);
  EXPECT_EQ(detail.result_type, "sts-policy-fetch-error");
  EXPECT_EQ(detail.receiving_mx_hostname, "mta-sts.example.test");
  EXPECT_EQ(detail.receiving_ip, "127.0.34.50");
  EXPECT_EQ(detail.failure_reason_code, "HTTP status 404");
}

TEST(SenderMtaSts, EnforcedPolicyWithoutTheMxIsValidationFailureAndDeferred) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now(),
          std::vector<std::string>{"version: STSv1", "mode: enforce", "max_age: 86400", "mx: other.example.test"});
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_FALSE(o.delivered);
  EXPECT_EQ(o.result, ResultType::validation_failure);
  EXPECT_EQ(o.attempts.at(0).reason, "mx-not-in-mta-sts-policy");
}

TEST(SenderMtaSts, CachedPolicyIsNotFetchedAgainForTheSameId) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  EXPECT_TRUE(s.run_session("example.test", w.now()).delivered);
  EXPECT_TRUE(s.run_session("example.test", w.now() + 600).delivered);
  EXPECT_EQ(w.policy().fetches().size(), 1u);
}

// Concurrent sessions look the policy up out of virtual-time order. A failed fetch holds for its
// quarter-hour slot of the virtual clock: every session in the slot reports it, whatever the order.
TEST(SenderMtaSts, AFailedFetchHoldsForItsSlotWhateverTheSessionOrder) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  w.policy().set_fault("example.test", "http-404");
  Sender s(w.config(SenderMode::mta_sts));
  const UnixSeconds slot = w.now() - w.now() % 900;
  for (UnixSeconds t : {slot + 800, slot + 10, slot + 400})
    EXPECT_EQ(s.run_session("example.test", t).result, ResultType::sts_policy_fetch_error) << t - slot;
  EXPECT_EQ(w.policy().fetches().size(), 1u);
  EXPECT_EQ(s.run_session("example.test", slot + 900).result, ResultType::sts_policy_fetch_error);
  EXPECT_EQ(w.policy().fetches().size(), 2u);  // the next slot tries again
}

// A policy counts from the virtual time it was fetched at: a session older than that fetch fetches
// for itself, and the earlier fetch is the one the cache keeps.
TEST(SenderMtaSts, APolicyFetchedLaterIsNotUsedByAnEarlierSession) {
  World w({{"mx1", "127.0.34.1"}}, false, wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::mta_sts));
  EXPECT_TRUE(s.run_session("example.test", w.now() + 600).delivered);
  EXPECT_TRUE(s.run_session("example.test", w.now()).delivered);
  EXPECT_EQ(w.policy().fetches().size(), 2u);
  EXPECT_TRUE(s.run_session("example.test", w.now() + 300).delivered);
  EXPECT_TRUE(s.run_session("example.test", w.now() + 900).delivered);
  EXPECT_EQ(w.policy().fetches().size(), 2u);
}

// Mode `both` (sender-rules.md §4): DANE decides where usable TLSA records exist, MTA-STS elsewhere.
TEST(SenderBoth, DaneWinsWhereTlsaIsUsable) {
  World w({{"mx1", "127.0.34.1", pki::Profile::expired, MxSpec::Tlsa::match_ee}, {"mx2", "127.0.34.2"}}, true,
          wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::both));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  EXPECT_FALSE(o.result);  // PKIX would call the certificate expired; DANE-EE ignores validity
  ASSERT_EQ(o.attempts.size(), 1u);
  EXPECT_EQ(o.attempts[0].policy, "tlsa");
  auto reports = s.end_of_day(utc_day(w.now()), w.now());
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].built.policy_domain, "example.test");
  const PolicyReport& p = reports[0].built.report.policies.at(0);
  EXPECT_EQ(p.policy.policy_type, PolicyType::tlsa);
  EXPECT_EQ(p.policy.policy_domain, "mx1.example.test");
  EXPECT_EQ(p.summary.total_successful_session_count, 1);
}

TEST(SenderBoth, MtaStsAppliesToAnMxWithoutTlsa) {
  World w({{"mx1", "127.0.34.1", pki::Profile::expired}, {"mx2", "127.0.34.2"}}, true, wall_now(),
          sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::both));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  ASSERT_EQ(o.attempts.size(), 2u) << o.note;
  EXPECT_EQ(o.attempts[0].policy, "sts");
  EXPECT_EQ(o.attempts[0].result, ResultType::certificate_expired);
  EXPECT_EQ(o.attempts[1].policy, "sts");
  EXPECT_TRUE(o.attempts[1].delivered);
}

TEST(SenderBoth, ADaneFailureIsNotRescuedByAValidWebPkiCertificate) {
  World w({{"mx1", "127.0.34.1", pki::Profile::valid, MxSpec::Tlsa::mismatch_ee}, {"mx2", "127.0.34.2"}}, true,
          wall_now(), sts_lines("enforce"));
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::both));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_TRUE(o.delivered) << o.note;
  ASSERT_EQ(o.attempts.size(), 2u) << o.note;
  EXPECT_EQ(o.attempts[0].policy, "tlsa");  // RFC 8461 §2: MTA-STS must not override failing DANE
  EXPECT_EQ(o.attempts[0].result, ResultType::validation_failure);
  EXPECT_FALSE(o.attempts[0].delivered);
  EXPECT_EQ(o.attempts[1].policy, "sts");
}

TEST(SenderBoth, TheEnforcedMxFilterStillSkipsADaneHostOutsideThePolicy) {
  World w({{"mx1", "127.0.34.1", pki::Profile::valid, MxSpec::Tlsa::match_ee}}, true, wall_now(),
          std::vector<std::string>{"version: STSv1", "mode: enforce", "max_age: 86400", "mx: other.example.test"});
  REQUIRE_WORLD(w);
  Sender s(w.config(SenderMode::both));
  SessionOutcome o = s.run_session("example.test", w.now());
  EXPECT_FALSE(o.delivered);  // Stalwart and mox (sender-rules.md §4)
  EXPECT_EQ(o.attempts.at(0).reason, "mx-not-in-mta-sts-policy");
}

TEST(Sender, BadConfigIsAnError) {
  SenderConfig c;
  EXPECT_THROW(Sender{c}, std::invalid_argument);
  EXPECT_EQ(sender_mode_from("dane"), SenderMode::dane);
  EXPECT_FALSE(sender_mode_from("x"));
}

}  // namespace
}  // namespace tlsrpt::sim
