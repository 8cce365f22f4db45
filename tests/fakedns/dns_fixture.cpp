#include "tests/fakedns/dns_fixture.hpp"

#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <sstream>

namespace tlsrpt::test {

std::string random_loopback() {
  static std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> octet(16, 250);
  return "127." + std::to_string(octet(rng)) + "." + std::to_string(octet(rng)) + "." +
         std::to_string(octet(rng));
}

fakedns::Zone example_zone() {
  fakedns::Zone z("example.test");
  z.add_default_soa_ns()
      .add_record("ns1", "A", 300, "127.0.0.53")
      .add_record("@", "MX", 300, "10 mx1.example.test.")
      .add_record("@", "MX", 300, "20 mx2.example.test.")
      .add_record("mx1", "A", 300, "127.0.0.25")
      .add_record("mx1", "AAAA", 300, "::1")
      .add_record("mx2", "A", 300, "127.0.0.26")
      .add_record("_smtp._tls", "TXT", 300, "\"v=TLSRPTv1; \" \"rua=mailto:tlsrpt@example.test\"")
      .add_record("_25._tcp.mx1", "TLSA", 300,
                  "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
      .add_record("www", "CNAME", 300, "web.example.test.")
      .add_record("web", "CNAME", 300, "mx1.example.test.")
      .add_record("away", "CNAME", 300, "mx.elsewhere.test.");
  for (int i = 0; i < 12; ++i)
    z.add_record("big", "TXT", 300, "\"filler record number " + std::to_string(i) + " " + std::string(40, 'x') + "\"");
  return z;
}

std::unique_ptr<fakedns::Server> start_server(const fakedns::DnssecOptions& dnssec, fakedns::ServerOptions options) {
  options.address = random_loopback();
  auto server = std::make_unique<fakedns::Server>(options);
  server->add_zone(example_zone(), dnssec);
  server->start();
  return server;
}

namespace {
ProcessResult run_client(const std::string& program, const fakedns::Server& server,
                         const std::vector<std::string>& args) {
  std::vector<std::string> argv{program, "@" + server.address(), "-p", std::to_string(server.port())};
  if (program == "dig") {
    argv.insert(argv.end(), {"+time=3", "+tries=2"});
  } else {
    argv.insert(argv.end(), {"+time=3", "+retry=1"});
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, {}, std::chrono::seconds(60));
}
}  // namespace

ProcessResult dig(const fakedns::Server& server, const std::vector<std::string>& args) {
  return run_client("dig", server, args);
}
ProcessResult kdig(const fakedns::Server& server, const std::vector<std::string>& args) {
  return run_client("kdig", server, args);
}

std::string dig_status(const std::string& out) {
  std::smatch m;
  if (std::regex_search(out, m, std::regex("status: ([A-Z]+)"))) return m[1];
  return {};
}

bool dig_flag(const std::string& out, const std::string& flag) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(";; [Ff]lags: ([a-z ]*)[;\n]"))) return false;
  std::istringstream in(m[1].str());
  std::string f;
  while (in >> f)
    if (f == flag) return true;
  return false;
}

std::vector<std::string> lines(const std::string& out) {
  std::vector<std::string> result;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ';') continue;
    std::istringstream words(line);
    std::string word, joined;
    while (words >> word) joined += (joined.empty() ? "" : " ") + word;
    if (!joined.empty()) result.push_back(joined);
  }
  return result;
}

}  // namespace tlsrpt::test
