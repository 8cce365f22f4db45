// HTTPS POST over kept-alive HTTP/1.1 connections (RFC 8460 §5.4): one connection per worker, the
// report client's own request code.
#include "generators/transport/https_connection.hpp"

#include "generators/load/worker.hpp"

namespace tlsrpt::gen::load {

boost::asio::awaitable<void> https_worker(const Shared& sh) {
  auto source = sh.make_source();
  transport::HttpsConnection connection(co_await boost::asio::this_coro::executor, *sh.tls, sh.target.endpoint,
                                        sh.options.insecure, sh.timeout(), /*keep_transcript=*/false);
  while (auto seq = co_await sh.pacer->take()) {
    auto artifact = source(*seq);
    const auto r = co_await connection.post(std::move(artifact.bytes), artifact.media_type);
    std::string response;
    if (r.status != 0) response = std::to_string(r.status) + " " + r.reason + " " + r.body.substr(0, 120);
    sh.finish(*seq, artifact, outcome_of(r), std::move(response));
  }
  connection.close();
}

}  // namespace tlsrpt::gen::load
