#include "fuzz/driver/network_targets.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include "fuzz/driver/command_line.hpp"
#include "fuzz/driver/crash_text.hpp"

namespace tlsrpt::fuzz {
namespace {

namespace tr = gen::transport;

TargetVerdict verdict_of(const tr::Response& r, const NetworkOracle& oracle, bool smtp) {
  auto v = TargetVerdict::unknown;
  if (oracle.accept_status.empty() && oracle.reject_status.empty()) {
    if (r.status >= 200 && r.status < 300) v = TargetVerdict::accept;
    if (smtp ? r.status >= 500 : (r.status >= 400 && r.status < 500)) v = TargetVerdict::reject;
  } else {
    if (oracle.accept_status.count(r.status)) v = TargetVerdict::accept;
    if (oracle.reject_status.count(r.status)) v = TargetVerdict::reject;
  }
  const auto& text = smtp ? r.reason : r.body;
  if (!oracle.accept_regex.empty() && std::regex_search(text, std::regex(oracle.accept_regex))) v = TargetVerdict::accept;
  if (!oracle.reject_regex.empty() && std::regex_search(text, std::regex(oracle.reject_regex))) v = TargetVerdict::reject;
  return v;
}

// Transport trouble and server errors; `server_error` says which statuses count as one.
Observation observe_response(const tr::Response& r, const NetworkConfig& config, bool smtp) {
  Observation o;
  o.detail = r.transcript + (r.body.empty() ? "" : "\n" + r.body) + (r.error.empty() ? "" : "\nerror: " + r.error);
  if (r.timed_out) {
    o.finding = FindingClass::hang;
    o.signature = "hang";
    o.summary = "no answer within " + std::to_string(config.timeout.count()) + " ms";
  } else if (!r.error.empty() || r.status == 0) {
    o.finding = FindingClass::reset;
    o.signature = r.connection_reset ? "reset" : "error|" + normalize_for_signature(r.error);
    o.summary = r.connection_reset ? "connection reset: " + r.error : r.error;
  } else if (smtp ? (r.status == 421 || r.status == 451) : r.status >= 500) {
    const auto line = message_line(smtp ? r.reason : r.body);
    o.finding = FindingClass::server_error;
    o.signature = "status " + std::to_string(r.status) + "|" + normalize_for_signature(line);
    o.summary = "status " + std::to_string(r.status) + (line.empty() ? "" : ": " + line);
  } else {
    o.verdict = verdict_of(r, config.oracle, smtp);
    o.summary = "status " + std::to_string(r.status);
  }
  return o;
}

std::string tls_flags(const NetworkConfig& c) {
  if (c.tls.insecure) return " -k";
  return c.tls.ca_file.empty() ? "" : " --cacert " + shell_quote(c.tls.ca_file);
}

class HttpTarget final : public Target {
 public:
  explicit HttpTarget(const NetworkConfig& c) : config_(c), client_(c.endpoint, c.tls, c.timeout) {}
  Observation run(const Input& input) override {
    const auto r = client_.post(input.bytes, input.media_type);
    auto o = observe_response(r, config_, false);
    if (o.finding != FindingClass::none) client_.close();
    return o;
  }
  bool alive() override {
    client_.close();
    return client_.get(config_.probe_path).status != 0;
  }
  std::string repro_line(const std::string& input_file, const Input& input) const override {
    return "cd \"$(dirname \"$0\")\" && curl -sS -i --max-time " + std::to_string(config_.timeout.count() / 1000 + 1) +
           tls_flags(config_) + " -H " + shell_quote("Content-Type: " + std::string(input.media_type)) +
           " --data-binary @" + shell_quote(input_file) + " " + shell_quote(config_.url);
  }
  std::string describe() const override { return "http: " + config_.url; }

 private:
  NetworkConfig config_;
  tr::HttpsClient client_;
};

class SmtpTarget final : public Target {
 public:
  explicit SmtpTarget(const NetworkConfig& c) : config_(c), client_(c.endpoint, c.tls, {}, c.timeout) {}
  Observation run(const Input& input) override {
    return observe_response(client_.send(config_.mail_from, {config_.rcpt}, input.bytes), config_, true);
  }
  bool alive() override {
    const auto r = client_.probe();
    return r.status >= 200 && r.status < 400;
  }
  std::string repro_line(const std::string& input_file, const Input&) const override {
    return "cd \"$(dirname \"$0\")\" && swaks --server " +
           shell_quote(config_.endpoint.host + ":" + std::to_string(config_.endpoint.port)) + " --from " +
           shell_quote(config_.mail_from) + " --to " + shell_quote(config_.rcpt) + " --tls-optional --data " +
           shell_quote(input_file);
  }
  std::string describe() const override { return "smtp: " + config_.url; }

 private:
  NetworkConfig config_;
  tr::SmtpClient client_;
};

}  // namespace

std::unique_ptr<Target> make_http_target(const NetworkConfig& config) { return std::make_unique<HttpTarget>(config); }
std::unique_ptr<Target> make_smtp_target(const NetworkConfig& config) { return std::make_unique<SmtpTarget>(config); }

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || (host.size() > 10 && host.substr(host.size() - 10) == ".localhost")) return true;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST;  // a name would mean asking a resolver: only literal addresses
  addrinfo* list = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &list) != 0 || !list) return false;
  bool loopback = true;
  for (auto* a = list; a; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      loopback = loopback && (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else if (a->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      loopback = loopback && IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    } else {
      loopback = false;
    }
  }
  freeaddrinfo(list);
  return loopback;
}

}  // namespace tlsrpt::fuzz
