// Full sessions per second as `tlsrpt-lab run` makes them, against a bare TLS handshake loop
// measured in the same run (bench/sim_bench.sh prints the ratio).
//
// A full session is the runner's own: the sender looks up the _mta-sts TXT, the MX and the A
// records in fakedns over UDP, takes the MTA-STS policy from its cache (re-fetched over HTTPS when
// max_age runs out, as a real sender does), connects from its own address, reads the 220, EHLO,
// STARTTLS, a full ECDSA handshake with PKIX checks at the session's virtual time, EHLO, the
// message, QUIT, and the session goes into the aggregate. Sessions are 301 virtual seconds apart,
// so every DNS answer (TTL 300) has expired and each session asks the server again. Several
// sessions run at once, as in the runner, so both cores are busy.
//
// The baseline: TLS handshakes alone on two threads, each thread a client and a server over
// memory BIOs, with the fake MX's server context, the live world's kind of credential (ECDSA
// P-256 leaf under the seeded RSA intermediate and root) and the same client checks (chain to the
// root, host name, time); and the same handshakes over loopback TCP, connect to close.
#include <benchmark/benchmark.h>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "fakemx/pki/authority.hpp"
#include "fakemx/smtp/server_tls.hpp"
#include "sim/runner/backend.hpp"
#include "sim/runner/world_state.hpp"
#include "sim/scenario/loader.hpp"

namespace {

namespace pki = tlsrpt::fakemx::pki;
using namespace tlsrpt;

constexpr const char* kScenario = R"(id: 8460-4.4-bench-full-session
title: Healthy sessions for the session benchmark
description: Three healthy MX hosts behind an enforced MTA-STS policy; one sender.
seed: 1
clock: {start: "2026-03-01T00:00:00Z", days: 1}
domain: example.test
report-domain: reports.test
dnssec: unsigned
mta-sts: {mode: enforce, mx: [mx1.example.test, mx2.example.test, mx3.example.test], max_age: 86400, id: "1"}
tlsrpt: "v=TLSRPTv1; rua=mailto:tlsrpt@reports.test"
mx:
  - {host: mx1.example.test, pref: 10}
  - {host: mx2.example.test, pref: 10}
  - {host: mx3.example.test, pref: 10}
senders:
  - {org: Bench Mail, mode: mta-sts, personality: rfc, sessions: 1}
expect:
  - {id: all-delivered, deferred: 0}
)";

// The CPU time of the whole process (every thread: senders, fake MX, fakedns) over the timed loop,
// per item, as counter "cpu_us": on a machine shared with other work the wall-clock rates depend
// on how much of the CPU the benchmark gets, the cost per item does not. Thread 0 measures; the
// loop's start and end are barriers for all threads.
double process_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// Counter "cpu_pct": that CPU time over the loop's wall time (200 = both cores busy), which says
// whether a rate is limited by the CPU or by round-trip latency.
template <typename Body>
void timed_loop(benchmark::State& state, Body body) {
  const bool measuring = state.thread_index() == 0;
  const double cpu_before = measuring ? process_cpu_seconds() : 0;
  const auto wall_before = std::chrono::steady_clock::now();
  for (auto _ : state) body();
  if (!measuring) return;
  const double cpu = process_cpu_seconds() - cpu_before;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_before).count();
  const double items = static_cast<double>(state.iterations()) * state.threads();
  state.counters["cpu_us"] = benchmark::Counter(cpu * 1e6 / std::max(items, 1.0));
  state.counters["cpu_pct"] = benchmark::Counter(cpu * 100 / std::max(wall, 1e-9));
}

constexpr scenario::UnixTime kStep = 301;          // past the DNS TTL: every session asks fakedns
constexpr std::int64_t kMaxSessionsPerRun = 25000;  // 87 virtual days: the leaf certificates last 90

// One live world per benchmark run (Setup/Teardown), shared by that run's threads.
struct FullWorld {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("sim-bench-" + std::to_string(::getpid()));
  scenario::Scenario scenario;
  std::unique_ptr<runner::Backend> backend;
  std::atomic<std::int64_t> next{0};
  std::atomic<std::int64_t> failed{0};

  FullWorld() {
    std::filesystem::create_directories(dir);
    const auto file = dir / "bench.yaml";
    std::ofstream(file) << kScenario;
    auto loaded = scenario::load_scenario(file);
    if (!loaded.ok()) {
      std::string why;
      for (const auto& d : loaded.diagnostics) why += "\n" + d.message;
      throw std::runtime_error("the benchmark scenario does not load:" + why);
    }
    scenario = std::move(*loaded.scenario);
    backend = runner::make_live_backend(scenario).backend;
    if (!backend) throw std::runtime_error("no live backend in this build");
    backend->apply(runner::state_at(scenario, scenario.start), scenario.start);
  }
  ~FullWorld() {
    backend.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

std::unique_ptr<FullWorld> full_world;
void make_full_world(const benchmark::State&) { full_world = std::make_unique<FullWorld>(); }
void drop_full_world(const benchmark::State&) { full_world.reset(); }

void BM_FullSessionEcdsa(benchmark::State& state) {
  FullWorld& w = *full_world;
  timed_loop(state, [&w] {
    const std::int64_t n = w.next++;
    if (n >= kMaxSessionsPerRun) return;  // reported below
    const runner::SessionOutcome o =
        w.backend->run_session(runner::PlannedSession{w.scenario.start + 1 + n * kStep, 0, static_cast<std::uint64_t>(n)});
    if (!o.delivered || !o.result_type.empty()) ++w.failed;
  });
  if (w.next.load() > kMaxSessionsPerRun)
    state.SkipWithError("virtual time would outrun the certificates: lower --benchmark_min_time");
  if (w.failed.load() != 0) state.SkipWithError("a session failed or was not delivered");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FullSessionEcdsa)
    ->Setup(make_full_world)
    ->Teardown(drop_full_world)
    ->Threads(2)
    ->Threads(4)
    ->Threads(8)
    ->Threads(16)  // each thread waits on ~10 round trips per session: more in flight fill the cores
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// The baseline's PKI exactly as the live world mints it for the scenario above: seeded from the
// scenario's seed and start (RSA root and intermediate), an ECDSA P-256 leaf for mx1.
struct BareWorld {
  UnixSeconds now = 1772323200;  // 2026-03-01T00:00:00Z, the scenario's start
  pki::Authority authority = pki::Authority::create_seeded(now, 1);
  pki::Credential credential = authority.mint([this] {
    pki::LeafRequest r;
    r.host = "mx1.example.test";
    r.now = now;
    return r;
  }());
  fakemx::smtp::ServerTls server{credential, fakemx::smtp::TlsShape::normal};
  SSL_CTX* server_ctx = server.new_reference();
  SSL_CTX* client_ctx = SSL_CTX_new(TLS_client_method());

  BareWorld() {
    const auto ca = std::filesystem::temp_directory_path() / ("sim-bench-ca-" + std::to_string(::getpid()) + ".pem");
    authority.write_trust_anchor(ca);
    SSL_CTX_set_min_proto_version(client_ctx, TLS1_2_VERSION);
    SSL_CTX_set_session_cache_mode(client_ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(client_ctx, SSL_OP_NO_TICKET);
    const bool loaded = SSL_CTX_load_verify_locations(client_ctx, ca.c_str(), nullptr) == 1;
    std::filesystem::remove(ca);
    if (!loaded) throw std::runtime_error("cannot load the benchmark's root certificate");
  }
  ~BareWorld() {
    SSL_CTX_free(client_ctx);
    SSL_CTX_free(server_ctx);
  }

  // The client's checks of a session: SNI, chain to the root at the virtual time, host name.
  void configure_client(SSL* c) const {
    static char sni[] = "mx1.example.test";
    SSL_ctrl(c, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, sni);
    X509_VERIFY_PARAM_set_time(SSL_get0_param(c), static_cast<time_t>(now + 3600));
    SSL_set_hostflags(c, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
    SSL_set1_host(c, "mx1.example.test");
    SSL_set_verify(c, SSL_VERIFY_PEER, nullptr);
  }

  // One handshake over a memory BIO pair; true when both sides finished and the client's checks passed.
  bool handshake() const {
    SSL* s = SSL_new(server_ctx);
    SSL* c = SSL_new(client_ctx);
    BIO *cb = nullptr, *sb = nullptr;
    BIO_new_bio_pair(&cb, 0, &sb, 0);
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    configure_client(c);
    int rc = 0, rs = 0;
    for (int i = 0; i < 20 && (rc != 1 || rs != 1); ++i) {
      if (rc != 1) rc = SSL_do_handshake(c);
      if (rs != 1) rs = SSL_do_handshake(s);
    }
    const bool ok = rc == 1 && rs == 1 && SSL_get_verify_result(c) == X509_V_OK;
    SSL_free(c);
    SSL_free(s);
    return ok;
  }
};

std::unique_ptr<BareWorld> bare_world;
void make_bare_world(const benchmark::State&) { bare_world = std::make_unique<BareWorld>(); }
void drop_bare_world(const benchmark::State&) { bare_world.reset(); }

// The second baseline: the same handshake over loopback TCP, as a handshake loop against a TLS
// server runs it (`openssl s_time -new`): connect, handshake, close. The server side accepts on
// two threads of its own; their CPU counts in the process's, as the fake MX's does in a session.
// Plain blocking OpenSSL on purpose: the STARTTLS benchmark's Asio accept loop
// (bench/fakemx/bare_tls_server) spends ~25 % more CPU per handshake in Asio's TLS stream, which
// would flatter the sessions' ratio.
class TcpHandshakeServer {
 public:
  explicit TcpHandshakeServer(const BareWorld& world) : world_(world) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    address_.sin_family = AF_INET;
    address_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address_;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<const sockaddr*>(&address_), sizeof address_) != 0 ||
        ::listen(listener_, 256) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address_), &length) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1 for the TCP handshake baseline");
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { serve(); });
  }
  ~TcpHandshakeServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);  // wakes the threads blocked in accept
    for (auto& t : threads_) t.join();
    ::close(listener_);
  }

  // One client handshake from a fresh connection; true when it finished and the checks passed.
  bool handshake() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    no_delay(fd);
    bool ok = false;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address_), sizeof address_) == 0) {
      SSL* c = SSL_new(world_.client_ctx);
      world_.configure_client(c);
      SSL_set_fd(c, fd);
      ok = SSL_connect(c) == 1 && SSL_get_verify_result(c) == X509_V_OK;
      SSL_free(c);
    }
    ::close(fd);
    return ok;
  }

 private:
  static void no_delay(int fd) {
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  }

  void serve() {
    while (!stopping_) {
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      no_delay(fd);
      SSL* s = SSL_new(world_.server_ctx);
      SSL_set_fd(s, fd);
      SSL_accept(s);
      SSL_free(s);
      ::close(fd);
    }
  }

  const BareWorld& world_;
  int listener_ = -1;
  sockaddr_in address_{};
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
};

std::unique_ptr<TcpHandshakeServer> tcp_server;
void make_tcp_world(const benchmark::State& state) {
  make_bare_world(state);
  tcp_server = std::make_unique<TcpHandshakeServer>(*bare_world);
}
void drop_tcp_world(const benchmark::State& state) {
  tcp_server.reset();
  drop_bare_world(state);
}

void BM_BareTlsHandshakeEcdsa(benchmark::State& state) {
  std::int64_t failed = 0;
  timed_loop(state, [&failed] { failed += !bare_world->handshake(); });
  if (failed != 0) state.SkipWithError("a handshake failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_BareTlsHandshakeEcdsa)
    ->Setup(make_bare_world)
    ->Teardown(drop_bare_world)
    ->Threads(2)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

void BM_BareTlsHandshakeTcpEcdsa(benchmark::State& state) {
  std::int64_t failed = 0;
  timed_loop(state, [&failed] { failed += !tcp_server->handshake(); });
  if (failed != 0) state.SkipWithError("a handshake failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_BareTlsHandshakeTcpEcdsa)
    ->Setup(make_tcp_world)
    ->Teardown(drop_tcp_world)
    ->Threads(2)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
