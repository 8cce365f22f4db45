// HttpsClient: the coroutine connection run synchronously on the client's own event loop.
#include "generators/transport/https_connection.hpp"

#include <boost/asio/io_context.hpp>

namespace tlsrpt::gen::transport {

struct HttpsClient::Impl {
  Impl(Endpoint endpoint, const TlsOptions& tls_options, std::chrono::milliseconds timeout)
      : tls(make_client_context(tls_options)),
        connection(io.get_executor(), tls, std::move(endpoint), tls_options.insecure, timeout) {}
  boost::asio::io_context io{1};
  boost::asio::ssl::context tls;
  HttpsConnection connection;
};

HttpsClient::HttpsClient(Endpoint endpoint, TlsOptions tls, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(endpoint), tls, timeout)) {}

HttpsClient::~HttpsClient() = default;

Response HttpsClient::post(std::string_view body, std::string_view content_type) {
  return run_to_completion(impl_->io, impl_->connection.post(std::string(body), content_type));
}

Response HttpsClient::get(std::string_view target) {
  return run_to_completion(impl_->io, impl_->connection.get(target));
}

void HttpsClient::close() { impl_->connection.close(); }

void HttpsClient::set_max_body(std::size_t bytes) { impl_->connection.set_max_body(bytes); }

}  // namespace tlsrpt::gen::transport
