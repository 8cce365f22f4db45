// HTTPS POST over HTTP/1.1 keep-alive connections (RFC 8460 §5.4), Boost.Beast.
#include <utility>  // first: Asio 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/ssl.h>

#include "generators/load/worker.hpp"

namespace tlsrpt::gen::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::use_awaitable;

asio::awaitable<void> https_worker(const Shared& sh) {
  auto ex = co_await asio::this_coro::executor;
  auto source = sh.make_source();
  asio::ip::tcp::resolver resolver(ex);
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
  const auto host_header = sh.target.host + ":" + std::to_string(sh.target.port);

  while (auto seq = co_await sh.pacer->take()) {
    auto artifact = source(*seq);
    const auto t0 = Clock::now();
    Outcome o;
    std::string response;
    try {
      if (!stream) {
        stream.emplace(ex, *sh.tls);
        buffer.clear();
        auto& tcp = beast::get_lowest_layer(*stream);
        tcp.expires_after(sh.timeout());
        const auto endpoints =
            co_await resolver.async_resolve(sh.target.host, std::to_string(sh.target.port), use_awaitable);
        co_await tcp.async_connect(endpoints, use_awaitable);
        SSL_ctrl(stream->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(sh.target.host.c_str()));  // SSL_set_tlsext_host_name, without its C cast
        if (!sh.options.insecure) stream->set_verify_callback(asio::ssl::host_name_verification(sh.target.host));
        co_await stream->async_handshake(asio::ssl::stream_base::client, use_awaitable);
      }
      http::request<http::string_body> req{http::verb::post, sh.target.path, 11};
      req.set(http::field::host, host_header);
      req.set(http::field::user_agent, "tlsrpt-lab-load");
      req.set(http::field::content_type, artifact.media_type);
      req.keep_alive(true);
      req.body() = std::move(artifact.bytes);
      req.prepare_payload();
      beast::get_lowest_layer(*stream).expires_after(sh.timeout());
      co_await http::async_write(*stream, req, use_awaitable);
      http::response_parser<http::string_body> parser;
      parser.body_limit(64 * 1024);
      co_await http::async_read(*stream, buffer, parser, use_awaitable);
      const auto& res = parser.get();
      o.status = static_cast<int>(res.result_int());
      o.accepted = o.status >= 200 && o.status < 300;
      response = std::to_string(o.status) + " " + std::string(res.reason()) + " " + res.body().substr(0, 120);
      if (!res.keep_alive()) stream.reset();
    } catch (const boost::system::system_error& e) {
      o.error = e.code().message();
      stream.reset();
    }
    o.latency = Clock::now() - t0;
    sh.finish(*seq, artifact, std::move(o), std::move(response));
  }
  if (stream) {
    boost::system::error_code ignored;
    beast::get_lowest_layer(*stream).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  }
}

}  // namespace tlsrpt::gen::load
