#include "bench/fakemx/bare_tls_server.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <thread>

#include "fakemx/smtp/server_tls.hpp"

namespace tlsrpt::bench {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, SSL_CTX* ctx) : context_(ctx), stream_(std::move(socket), context_) {}
  void start() {
    stream_.async_handshake(ssl::stream_base::server, [self = shared_from_this()](error_code ec) {
      if (ec) return;
      self->stream_.async_read_some(asio::buffer(self->byte_), [self](error_code read_ec, std::size_t) {
        if (read_ec) return;
        asio::async_write(self->stream_, asio::buffer(self->byte_), [self](error_code, std::size_t) {});
      });
    });
  }

 private:
  ssl::context context_;
  ssl::stream<tcp::socket> stream_;
  std::array<char, 1> byte_{};
};

}  // namespace

struct BareTlsServer::Impl {
  Impl(const std::string& address, const fakemx::pki::Credential& credential)
      : tls(credential, fakemx::smtp::TlsShape::normal), acceptor(io, tcp::endpoint(asio::ip::make_address(address), 0)) {
    accept();
    thread = std::thread([this] { io.run(); });
  }
  ~Impl() {
    io.stop();
    thread.join();
  }
  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (ec) return;
      std::make_shared<Connection>(std::move(socket), tls.new_reference())->start();
      accept();
    });
  }
  fakemx::smtp::ServerTls tls;
  asio::io_context io;
  tcp::acceptor acceptor;
  std::thread thread;
};

BareTlsServer::BareTlsServer(const std::string& address, const fakemx::pki::Credential& credential)
    : impl_(std::make_unique<Impl>(address, credential)) {}
BareTlsServer::~BareTlsServer() = default;
std::uint16_t BareTlsServer::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace tlsrpt::bench
