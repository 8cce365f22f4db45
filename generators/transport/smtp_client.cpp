// SmtpClient: one session per call, run synchronously on the client's own event loop.
#include "generators/transport/smtp_session.hpp"

#include <boost/asio/io_context.hpp>

namespace tlsrpt::gen::transport {

namespace asio = boost::asio;

struct SmtpClient::Impl {
  Impl(Endpoint endpoint, const TlsOptions& tls_options, SmtpOptions options, std::chrono::milliseconds timeout)
      : tls(make_client_context(tls_options)),
        session(io.get_executor(), tls, std::move(endpoint), std::move(options), tls_options.insecure, timeout) {}
  asio::io_context io{1};
  asio::ssl::context tls;
  SmtpSession session;
};

namespace {

asio::awaitable<Response> one_transaction(SmtpSession& session, std::string from, std::vector<std::string> to,
                                          std::string_view message) {
  const auto t0 = std::chrono::steady_clock::now();
  Response opened = co_await session.open();
  if (!opened.ok()) co_return opened;
  Response r = co_await session.transaction(from, to, message);
  r.transcript = opened.transcript + r.transcript;
  co_await session.quit(r);
  r.latency = std::chrono::steady_clock::now() - t0;
  co_return r;
}

asio::awaitable<Response> hello_and_goodbye(SmtpSession& session) {
  Response r = co_await session.open();
  co_await session.quit(r);
  co_return r;
}

}  // namespace

SmtpClient::SmtpClient(Endpoint endpoint, TlsOptions tls, SmtpOptions options, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(endpoint), tls, std::move(options), timeout)) {}

SmtpClient::~SmtpClient() = default;

Response SmtpClient::send(std::string_view mail_from, const std::vector<std::string>& recipients,
                          std::string_view message) {
  return run_to_completion(impl_->io,
                           one_transaction(impl_->session, std::string(mail_from), recipients, message));
}

Response SmtpClient::probe() { return run_to_completion(impl_->io, hello_and_goodbye(impl_->session)); }

}  // namespace tlsrpt::gen::transport
