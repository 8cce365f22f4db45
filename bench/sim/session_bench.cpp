// Full SMTP sessions per second (connect, 220, EHLO, STARTTLS, ECDSA handshake with PKIX checks,
// EHLO, MAIL/RCPT/DATA, QUIT) against the fake MX, next to a bare TLS handshake loop (client and
// server in memory, same ECDSA certificate) measured in the same run. Report the ratio.
#include <benchmark/benchmark.h>

#include <openssl/ssl.h>

#include <ctime>
#include <filesystem>
#include <memory>

#include "fakemx/pki/authority.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "sim/mta/smtp/smtp_client.hpp"

namespace {

namespace pki = tlsrpt::fakemx::pki;
namespace fsmtp = tlsrpt::fakemx::smtp;
using namespace tlsrpt::sim;

const tlsrpt::UnixSeconds kNow = static_cast<tlsrpt::UnixSeconds>(std::time(nullptr));

struct Fixture {
  pki::Authority authority = pki::Authority::create(kNow);
  std::shared_ptr<pki::Credential> cred;
  fsmtp::MxServer server{1};
  std::unique_ptr<fsmtp::MxHost> host;
  std::filesystem::path ca = std::filesystem::temp_directory_path() / ("sim-bench-ca-" + std::to_string(::getpid()) + ".pem");
  Fixture() {
    pki::LeafRequest req;
    req.host = "mx1.bench.test";
    req.now = kNow;
    cred = std::make_shared<pki::Credential>(authority.mint(req));
    fsmtp::MxHostConfig hc;
    hc.hostname = "mx1.bench.test";
    hc.address = "127.0.35.1";
    host = std::make_unique<fsmtp::MxHost>(server.add_host(hc));
    host->set_credential(cred);
    authority.write_trust_anchor(ca);
  }
  ~Fixture() {
    server.stop();
    std::filesystem::remove(ca);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_FullSmtpSessionEcdsa(benchmark::State& state) {
  Fixture& f = fixture();
  SmtpAttemptOptions o;
  o.mx_host = "mx1.bench.test";
  o.address = f.host->address();
  o.port = f.host->port();
  o.source_address = "127.0.35.100";
  o.require_tls = o.require_auth = true;
  o.tls = TlsPolicy{Authentication::pkix, "mx1.bench.test", {}, f.ca.string(), {}, kNow};
  o.message = SmtpMessage{"a@sender.test", "b@bench.test", "Subject: bench\r\n\r\nhello\r\n"};
  std::int64_t delivered = 0;
  for (auto _ : state) {
    SmtpAttempt a = smtp_attempt(o);
    delivered += a.delivered;
  }
  if (delivered != static_cast<std::int64_t>(state.iterations())) state.SkipWithError("a session failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FullSmtpSessionEcdsa)->UseRealTime()->Unit(benchmark::kMicrosecond);

// Baseline: the TLS handshake alone, client and server in one thread over memory BIOs.
void BM_BareTlsHandshakeEcdsa(benchmark::State& state) {
  Fixture& f = fixture();
  SSL_CTX* server = SSL_CTX_new(TLS_server_method());
  SSL_CTX_use_certificate(server, f.cred->leaf.get());
  SSL_CTX_use_PrivateKey(server, f.cred->key.get());
  for (const auto& c : f.cred->chain) SSL_CTX_add1_chain_cert(server, c.get());
  SSL_CTX* client = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(client, f.ca.string().c_str(), nullptr);
  std::int64_t ok = 0;
  for (auto _ : state) {
    SSL* s = SSL_new(server);
    SSL* c = SSL_new(client);
    BIO *cb = nullptr, *sb = nullptr;
    BIO_new_bio_pair(&cb, 0, &sb, 0);
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    SSL_set1_host(c, "mx1.bench.test");
    SSL_set_verify(c, SSL_VERIFY_PEER, nullptr);
    int rc = 0, rs = 0;
    for (int i = 0; i < 20 && (rc != 1 || rs != 1); ++i) {
      if (rc != 1) rc = SSL_do_handshake(c);
      if (rs != 1) rs = SSL_do_handshake(s);
    }
    ok += rc == 1 && rs == 1;
    SSL_free(c);
    SSL_free(s);
  }
  if (ok != static_cast<std::int64_t>(state.iterations())) state.SkipWithError("a handshake failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  SSL_CTX_free(client);
  SSL_CTX_free(server);
}
BENCHMARK(BM_BareTlsHandshakeEcdsa)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
