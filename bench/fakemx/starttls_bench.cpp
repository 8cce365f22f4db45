// STARTTLS sessions/s against fakemx (greeting, EHLO, STARTTLS, handshake, EHLO, one message,
// QUIT) versus TLS sessions/s against a bare accept loop (handshake, one byte each way), with the
// same ECDSA P-256 certificate, in the same run: the figure is the ratio of the two rates.
// Client and server run in one process on separate threads, so both cores are busy.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>

#include "bench/fakemx/bare_tls_server.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/smtp/mx_server.hpp"

namespace {

namespace pki = tlsrpt::fakemx::pki;
namespace smtp = tlsrpt::fakemx::smtp;

constexpr const char* kAddress = "127.0.71.1";

struct World {
  World()
      : authority(pki::Authority::create(static_cast<tlsrpt::UnixSeconds>(std::time(nullptr)))),
        credential(std::make_shared<const pki::Credential>(authority.mint([] {
          pki::LeafRequest r;
          r.host = "mx.bench.test";
          r.now = static_cast<tlsrpt::UnixSeconds>(std::time(nullptr));
          return r;
        }()))),
        server(1),
        host(server.add_host([] {
          smtp::MxHostConfig c;
          c.hostname = "mx.bench.test";
          c.address = kAddress;
          return c;
        }())),
        bare(kAddress, *credential),
        client(SSL_CTX_new(TLS_client_method())) {
    host.set_credential(credential);
    SSL_CTX_set_verify(client, SSL_VERIFY_NONE, nullptr);
  }
  ~World() { SSL_CTX_free(client); }

  pki::Authority authority;
  std::shared_ptr<const pki::Credential> credential;
  smtp::MxServer server;
  smtp::MxHost host;
  tlsrpt::bench::BareTlsServer bare;
  SSL_CTX* client;
};

World& world() {
  static World w;
  return w;
}

void set_sni(SSL* ssl) {
  static char name[] = "mx.bench.test";
  SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, name);
}

int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, kAddress, &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
  return fd;
}

// Reads until a final reply line ("DDD text\r\n") has arrived; returns its code.
template <class Read>
int read_reply(Read&& read, std::string& buffer) {
  while (true) {
    std::size_t start = 0;
    for (auto end = buffer.find("\r\n"); end != std::string::npos; end = buffer.find("\r\n", start)) {
      if (end - start >= 4 && buffer[start + 3] == ' ') {
        const int code = std::stoi(buffer.substr(start, 3));
        buffer.erase(0, end + 2);
        return code;
      }
      start = end + 2;
    }
    char chunk[4096];
    const int n = read(chunk, static_cast<int>(sizeof chunk));
    if (n <= 0) throw std::runtime_error("connection closed mid-reply");
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

void starttls_session(World& w) {
  const int fd = connect_to(w.host.port());
  std::string buffer;
  auto plain_read = [fd](char* p, int n) { return static_cast<int>(::read(fd, p, static_cast<std::size_t>(n))); };
  auto plain_write = [fd](const std::string& s) { (void)!::write(fd, s.data(), s.size()); };
  read_reply(plain_read, buffer);
  plain_write("EHLO bench.test\r\n");
  read_reply(plain_read, buffer);
  plain_write("STARTTLS\r\n");
  if (read_reply(plain_read, buffer) != 220) throw std::runtime_error("STARTTLS refused");
  SSL* ssl = SSL_new(w.client);
  SSL_set_fd(ssl, fd);
  set_sni(ssl);
  if (SSL_connect(ssl) != 1) throw std::runtime_error("handshake failed");
  auto tls_read = [ssl](char* p, int n) { return SSL_read(ssl, p, n); };
  auto tls_write = [ssl](const std::string& s) { SSL_write(ssl, s.data(), static_cast<int>(s.size())); };
  tls_write("EHLO bench.test\r\n");
  read_reply(tls_read, buffer);
  tls_write("MAIL FROM:<b@bench.test>\r\nRCPT TO:<r@bench.test>\r\nDATA\r\n");
  read_reply(tls_read, buffer);
  read_reply(tls_read, buffer);
  if (read_reply(tls_read, buffer) != 354) throw std::runtime_error("DATA refused");
  tls_write("Subject: bench\r\n\r\nhello\r\n.\r\nQUIT\r\n");
  if (read_reply(tls_read, buffer) != 250) throw std::runtime_error("message refused");
  read_reply(tls_read, buffer);
  SSL_shutdown(ssl);
  SSL_free(ssl);
  ::close(fd);
}

void bare_session(World& w) {
  const int fd = connect_to(w.bare.port());
  SSL* ssl = SSL_new(w.client);
  SSL_set_fd(ssl, fd);
  set_sni(ssl);
  if (SSL_connect(ssl) != 1) throw std::runtime_error("handshake failed");
  char byte = 'x';
  SSL_write(ssl, &byte, 1);
  if (SSL_read(ssl, &byte, 1) != 1) throw std::runtime_error("no echo");
  SSL_shutdown(ssl);
  SSL_free(ssl);
  ::close(fd);
}

void BM_BareTlsAcceptLoop(benchmark::State& state) {
  auto& w = world();
  for (auto _ : state) bare_session(w);
  state.counters["sessions/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_FakemxStarttlsSession(benchmark::State& state) {
  auto& w = world();
  for (auto _ : state) starttls_session(w);
  state.counters["sessions/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Bounded: a fixed number of sessions each, real time (the server works on another thread).
BENCHMARK(BM_BareTlsAcceptLoop)->Iterations(1500)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FakemxStarttlsSession)->Iterations(1500)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
