// SMTP with in-place STARTTLS (required): one session per worker, many transactions per session,
// the report client's own dialogue code.
#include "generators/transport/smtp_session.hpp"

#include "generators/load/worker.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::load {

namespace {

std::string address_in(const std::optional<std::string>& header, const char* fallback) {
  if (!header) return fallback;
  const auto open = header->find('<');
  const auto close = header->find('>', open);
  if (open != std::string::npos && close != std::string::npos) return header->substr(open + 1, close - open - 1);
  return *header;
}

}  // namespace

boost::asio::awaitable<void> smtp_worker(const Shared& sh) {
  auto source = sh.make_source();
  transport::SmtpOptions options;
  options.helo = "load.tlsrpt-lab.test";
  options.require_starttls = true;
  transport::SmtpSession session(co_await boost::asio::this_coro::executor, *sh.tls, sh.target.endpoint, options,
                                 sh.options.insecure, sh.timeout());
  while (auto seq = co_await sh.pacer->take()) {
    auto artifact = source(*seq);
    transport::Response r;
    if (!session.is_open()) r = co_await session.open();
    if (session.is_open()) {
      const auto from = address_in(header_value(artifact.bytes, "From"), "tlsrpt@sender.example");
      const std::vector<std::string> to(1, address_in(header_value(artifact.bytes, "To"), "tlsrpt@receiver.example"));
      const auto opened_in = r.latency;
      r = co_await session.transaction(from, to, artifact.bytes);
      r.latency += opened_in;
    }
    sh.finish(*seq, artifact, outcome_of(r), r.reason);
  }
  transport::Response goodbye;
  co_await session.quit(goodbye);
}

}  // namespace tlsrpt::gen::load
