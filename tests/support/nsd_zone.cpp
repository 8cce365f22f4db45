#include "tests/support/nsd_zone.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

extern char** environ;

namespace tlsrpt::test {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::uint16_t pick_port() {
  std::random_device rd;
  return static_cast<std::uint16_t>(20000 + rd() % 30000);
}

// Whether something answers on UDP 127.0.0.1:port (a DNS query for the SOA is answered).
bool answers(std::uint16_t port, const std::string& origin) {
  auto r = run_process({"dig", "+time=1", "+tries=1", "@127.0.0.1", "-p", std::to_string(port), origin, "SOA"},
                       {}, std::chrono::seconds(5));
  return r.exit_code == 0 && r.out.find("status: NOERROR") != std::string::npos;
}

}  // namespace

bool NsdZone::available() {
  return have_program("nsd") && have_program("ldns-keygen") && have_program("ldns-signzone") &&
         have_program("dig");
}

NsdZone::NsdZone(const std::string& origin, const std::string& zone_text, bool sign) {
  dir_ = make_temp_dir("sim-nsd");
  std::ofstream(dir_ / "zone") << zone_text;
  std::string zonefile = "zone";
  if (sign) {
    auto ksk = run_process({"ldns-keygen", "-a", "ECDSAP256SHA256", "-k", origin}, {}, std::chrono::seconds(30),
                           dir_);
    auto zsk = run_process({"ldns-keygen", "-a", "ECDSAP256SHA256", origin}, {}, std::chrono::seconds(30), dir_);
    if (ksk.exit_code != 0 || zsk.exit_code != 0) {
      error_ = "ldns-keygen failed: " + ksk.err + zsk.err;
      return;
    }
    // Signatures valid from a day ago, so a validator's "now" taken before signing is inside.
    const std::time_t yesterday = std::time(nullptr) - 86400;
    char inception[32];
    std::strftime(inception, sizeof inception, "%Y%m%d%H%M%S", std::gmtime(&yesterday));
    auto signer = run_process({"ldns-signzone", "-i", inception, "zone", trim(ksk.out), trim(zsk.out)}, {},
                              std::chrono::seconds(30), dir_);
    if (signer.exit_code != 0) {
      error_ = "ldns-signzone failed: " + signer.err;
      return;
    }
    std::ifstream in(dir_ / (trim(ksk.out) + ".ds"));
    std::getline(in, ds_);
    zonefile = "zone.signed";
  }
  for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
    port_ = pick_port();
    std::ofstream(dir_ / "nsd.conf") << "server:\n  ip-address: 127.0.0.1@" << port_ << "\n  zonesdir: \""
                                     << dir_.string() << "\"\n  pidfile: \"\"\n  database: \"\"\n"
                                     << "  zonelistfile: \"" << (dir_ / "zone.list").string() << "\"\n"
                                     << "  xfrdfile: \"" << (dir_ / "xfrd.state").string() << "\"\n"
                                     << "  xfrdir: \"" << dir_.string() << "\"\n  username: \"\"\n"
                                     << "  chroot: \"\"\n  server-count: 1\n  tcp-count: 32\n"
                                     << "  logfile: \"" << (dir_ / "nsd.log").string() << "\"\n"
                                     << "remote-control:\n  control-enable: no\n"
                                     << "zone:\n  name: " << origin << "\n  zonefile: " << zonefile << "\n";
    const std::string conf = (dir_ / "nsd.conf").string();
    std::vector<std::string> args = {"nsd", "-d", "-c", conf};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawnp(&pid, "nsd", nullptr, nullptr, argv.data(), environ) != 0) {
      error_ = "cannot start nsd";
      return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    bool up = false, exited = false;
    while (!up && std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) {  // exited: port taken or bad config
        exited = true;
        break;
      }
      up = answers(port_, origin);
    }
    if (up) {
      pid_ = pid;
    } else {
      if (!exited) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
      }
      std::ifstream log(dir_ / "nsd.log");
      std::stringstream ss;
      ss << log.rdbuf();
      error_ = "nsd did not come up: " + ss.str();
      if (!exited) return;  // it ran but does not serve the zone: another port will not help
    }
  }
}

NsdZone::~NsdZone() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace tlsrpt::test
