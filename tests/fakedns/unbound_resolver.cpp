#include "tests/fakedns/unbound_resolver.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/fakedns/dns_fixture.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {

namespace {

std::uint16_t random_port() {
  std::mt19937 rng(std::random_device{}());
  return static_cast<std::uint16_t>(std::uniform_int_distribution<int>(20000, 60000)(rng));
}

}  // namespace

UnboundResolver::UnboundResolver(const fakedns::Server& server)
    : UnboundResolver(server, random_loopback(), random_port()) {}

UnboundResolver::UnboundResolver(const fakedns::Server& server, std::string address, std::uint16_t port)
    : dir_(make_temp_dir("unbound")), resolv_conf_(dir_ / "resolv.conf"), address_(std::move(address)), port_(port) {
  std::ofstream(resolv_conf_) << "nameserver " << address_ << "\noptions trust-ad timeout:5 attempts:2\n";
  server.write_trust_anchor_file(dir_ / "anchors");
  std::ofstream conf(dir_ / "unbound.conf");
  conf << "server:\n"
       << "  interface: " << address_ << "\n  port: " << port_ << "\n"
       << "  access-control: 127.0.0.0/8 allow\n"
       << "  username: \"\"\n  chroot: \"\"\n  directory: \"" << dir_.string() << "\"\n"
       << "  pidfile: \"" << (dir_ / "unbound.pid").string() << "\"\n"
       << "  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n  val-log-level: 2\n"
       << "  num-threads: 1\n  do-daemonize: no\n  so-reuseport: no\n"
       << "  do-not-query-localhost: no\n  ratelimit: 0\n  ip-ratelimit: 0\n"
       << "  local-zone: \"test.\" nodefault\n"
       << "  module-config: \"validator iterator\"\n"
       << "  trust-anchor-file: \"" << (dir_ / "anchors").string() << "\"\n"
       << "  qname-minimisation: no\n  do-ip6: no\n"
       << "  infra-host-ttl: 1\n  serve-expired: no\n";
  for (const auto& zone : server.zones())
    conf << "stub-zone:\n  name: \"" << zone << "\"\n  stub-addr: " << server.address() << "@" << server.port()
         << "\n";
  conf << "remote-control:\n  control-enable: no\n";
  conf.close();

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int log = open((dir_ / "unbound.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (log >= 0) {
      dup2(log, 1);
      dup2(log, 2);
    }
    const std::string conf_path = (dir_ / "unbound.conf").string();
    execlp("unbound", "unbound", "-d", "-c", conf_path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Ready when it answers anything at all (REFUSED for a name it is not asked about is fine).
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < until) {
    const auto r = run_process({"dig", "@" + address_, "-p", std::to_string(port_), "+time=1", "+tries=1",
                                "version.server", "CH", "TXT"},
                               {}, std::chrono::seconds(10));
    if (r.exit_code == 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("unbound exited: " + log());
    }
  }
  throw std::runtime_error("unbound did not start: " + log());
}

UnboundResolver::~UnboundResolver() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) != pid_; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

ProcessResult UnboundResolver::dig(const std::string& name, const std::string& type) const {
  return run_process({"dig", "@" + address_, "-p", std::to_string(port_), "+time=5", "+tries=1", "+dnssec", name,
                      type},
                     {}, std::chrono::seconds(30));
}

std::string UnboundResolver::log() const {
  std::ifstream in(dir_ / "unbound.log");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace tlsrpt::test
