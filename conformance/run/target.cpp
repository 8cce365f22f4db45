#include "conformance/run/target.hpp"

#include <unistd.h>

#include <fstream>

namespace tlsrpt::conformance {

namespace fs = std::filesystem;
namespace tr = gen::transport;

unsigned answer_of_status(int status) {
  if (status >= 200 && status < 300) return a2xx;
  if (status >= 400 && status < 500) return a4xx;
  if (status >= 500 && status < 600) return a5xx;
  return closed;
}

Delivery delivery_of(const tr::Response& r) {
  Delivery d;
  d.answer = answer_of_status(r.status);
  d.status = r.status;
  if (r.status > 0) d.summary = std::to_string(r.status) + " " + r.reason;
  else d.summary = r.timed_out ? "timed out" : (r.error.empty() ? "closed without an answer" : r.error);
  if (r.status > 0 && !r.error.empty()) d.summary += " (" + r.error + ")";
  d.transcript = r.transcript;
  if (!r.body.empty()) d.transcript += "\n--- response body ---\n" + r.body.substr(0, 4096);
  d.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(r.latency);
  return d;
}

Targets::Targets(TargetConfig config) : config_(std::move(config)) {
  if (config_.https) https_ = std::make_unique<tr::HttpsClient>(*config_.https, config_.tls, config_.timeout);
}

Targets::~Targets() = default;

bool Targets::maildir() const { return !config_.drop.empty() && fs::is_directory(config_.drop / "new"); }

bool Targets::drop_takes_mail() const { return !config_.drop.empty() && (config_.drop_mail || maildir()); }

std::optional<Channel> Targets::route(const Case& c, std::string& why_not) const {
  const Send& s = c.send;
  const bool raw = s.action == Action::slow_client || s.action == Action::drop_mid_body ||
                   s.action == Action::concurrent_100 || s.action == Action::oversized || !s.content_type.empty();
  switch (s.channel) {
    case Channel::https:
      if (config_.https) return Channel::https;
      if (!config_.drop.empty() && !drop_takes_mail() && !raw) return Channel::drop;
      why_not = raw ? "needs an HTTPS target (--https)" : "needs --https or a --drop directory";
      return std::nullopt;
    case Channel::smtp:
      if (config_.smtp) return Channel::smtp;
      if (drop_takes_mail()) return Channel::drop;
      why_not = "needs an SMTP target (--smtp), a maildir (--drop DIR with new/) or --drop DIR --drop-mail";
      return std::nullopt;
    case Channel::drop:
      if (!config_.drop.empty() && !drop_takes_mail()) return Channel::drop;
      why_not = "needs a --drop directory that takes report files";
      return std::nullopt;
  }
  return std::nullopt;
}

Delivery Targets::deliver(Channel channel, const Payload& payload) {
  switch (channel) {
    case Channel::https: {
      auto response = https_->post(payload.bytes, payload.content_type);
      // A connection the receiver closed (or that failed) is not reused.
      if (!response.error.empty()) https_->close();
      return delivery_of(response);
    }
    case Channel::smtp: {
      tr::SmtpClient client(*config_.smtp, config_.tls, tr::SmtpOptions{}, config_.timeout);
      return delivery_of(client.send(payload.mail_from, {config_.rcpt}, payload.bytes));
    }
    case Channel::drop: return drop_file(payload);
  }
  return {};
}

// Written under a temporary name and renamed, so the receiver never sees half a file.
Delivery Targets::drop_file(const Payload& payload) {
  Delivery d;
  const auto start = std::chrono::steady_clock::now();
  const std::string unique = std::to_string(::getpid()) + "." + std::to_string(++dropped_);
  fs::path tmp, final_path;
  if (maildir()) {
    tmp = config_.drop / "tmp" / (unique + ".conformance");
    final_path = config_.drop / "new" / (unique + ".conformance");
    fs::create_directories(config_.drop / "tmp");
  } else {
    // The RFC 8460 5.1 name as it is, since receivers read it (unique per case and run already).
    tmp = config_.drop / ("." + unique + ".tmp");
    final_path = config_.drop / payload.filename;
  }
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(payload.bytes.data(), static_cast<std::streamsize>(payload.bytes.size()));
    if (!out) {
      d.summary = "cannot write " + tmp.string();
      return d;
    }
  }
  std::error_code ec;
  fs::rename(tmp, final_path, ec);
  if (ec) {
    d.summary = "cannot rename into " + final_path.string() + ": " + ec.message();
    return d;
  }
  d.answer = a2xx;
  d.summary = "written to " + final_path.string();
  d.transcript = d.summary + " (" + std::to_string(payload.bytes.size()) + " bytes)\n";
  d.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return d;
}

Liveness Targets::probe() {
  Liveness l;
  if (config_.https) {
    // Any HTTP answer (even 404 or 405) shows the receiver is up; a fresh connection each time.
    tr::HttpsClient client(*config_.https, config_.tls, config_.timeout);
    const auto r = client.get(config_.https->path);
    if (r.status == 0) {
      l.alive = false;
      l.detail = "HTTPS probe: " + (r.error.empty() ? std::string("no answer") : r.error);
    }
  }
  if (config_.smtp) {
    tr::SmtpClient client(*config_.smtp, config_.tls, tr::SmtpOptions{}, config_.timeout);
    const auto r = client.probe();
    if (!r.ok()) {
      l.alive = false;
      l.detail += (l.detail.empty() ? "" : "; ") + std::string("SMTP probe: ") +
                  (r.error.empty() ? std::to_string(r.status) + " " + r.reason : r.error);
    }
  }
  if (!config_.drop.empty() && !fs::is_directory(config_.drop)) {
    l.alive = false;
    l.detail += (l.detail.empty() ? "" : "; ") + config_.drop.string() + " is gone";
  }
  return l;
}

std::string Targets::describe() const {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  if (config_.https) add("https://" + config_.https->host + ":" + std::to_string(config_.https->port) + config_.https->path);
  if (config_.smtp) add("smtp://" + config_.smtp->host + ":" + std::to_string(config_.smtp->port));
  if (!config_.drop.empty())
    add((maildir() ? "maildir " : drop_takes_mail() ? "mail directory " : "directory ") + config_.drop.string());
  return out;
}

}  // namespace tlsrpt::conformance
