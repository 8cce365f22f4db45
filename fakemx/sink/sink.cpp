#include "fakemx/sink/sink.hpp"

#include "fakemx/sink/https_intake.hpp"

namespace tlsrpt::fakemx::sink {

Sink::Sink(SinkConfig config) : config_(std::move(config)), store_(config_.dir) {
  if (!config_.https) return;
  http::ServerConfig server_config;
  server_config.address = config_.https_address;
  server_config.port = config_.https_port;
  server_config.tls = config_.tls;
  server_config.limits = config_.http_limits;
  server_config.threads = config_.threads;
  HttpsIntakeConfig intake{config_.https_path, config_.inflate, config_.profile};
  server_ = std::make_unique<http::Server>(server_config, [this, intake](const http::Request& request) {
    return handle_https(request, store_, intake);
  });
}

Sink::~Sink() { stop(); }

void Sink::set_identity(const std::string& server_name, const http::TlsIdentity& identity) {
  if (server_) server_->set_identity(server_name, identity);
}

void Sink::start() {
  if (server_) server_->start();
}

void Sink::stop() {
  if (server_) server_->stop();
}

std::uint16_t Sink::https_port() const { return server_ ? server_->port() : 0; }

MailReply Sink::deliver_mail(const MailDelivery& delivery) {
  return handle_mail(delivery, store_, {config_.max_message, config_.inflate, config_.dkim_key_lookup, config_.profile});
}

smtp::MessageHook Sink::message_hook() {
  return [this](const smtp::Envelope& envelope, std::string_view message) {
    // The peer is "address:port" ("[v6]:port" for IPv6).
    std::string ip = envelope.peer.substr(0, envelope.peer.rfind(':'));
    if (ip.size() >= 2 && ip.front() == '[') ip = ip.substr(1, ip.size() - 2);
    const MailReply reply = deliver_mail({ip, envelope.mail_from, envelope.rcpt_to, message});
    return smtp::Reply{reply.code, reply.text};
  };
}

}  // namespace tlsrpt::fakemx::sink
