// SMTP submission with in-place STARTTLS (RFC 3207): one session per worker, many messages per
// session, dot-stuffed DATA (RFC 5321 §4.5.2).
#include <utility>  // first: Asio 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/ssl.h>

#include "generators/load/worker.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::use_awaitable;

namespace {

struct Reply {
  int code = 0;
  std::string text;  // all lines
};

template <typename Stream>
asio::awaitable<Reply> read_reply(Stream& s, std::string& buf) {
  Reply r;
  for (;;) {
    const auto n = co_await asio::async_read_until(s, asio::dynamic_buffer(buf, 64 * 1024), "\r\n", use_awaitable);
    const std::string line = buf.substr(0, n - 2);
    buf.erase(0, n);
    r.text += line + "\n";
    if (line.size() < 3) throw std::runtime_error("malformed SMTP reply: " + line);
    r.code = std::stoi(line.substr(0, 3));
    if (line.size() == 3 || line[3] == ' ') co_return r;
  }
}

template <typename Stream>
asio::awaitable<Reply> command(Stream& s, std::string& buf, const std::string& line) {
  co_await asio::async_write(s, asio::buffer(line + "\r\n"), use_awaitable);
  co_return co_await read_reply(s, buf);
}

std::string address_in(const std::optional<std::string>& header, const char* fallback) {
  if (!header) return fallback;
  const auto open = header->find('<');
  const auto close = header->find('>', open);
  if (open != std::string::npos && close != std::string::npos) return header->substr(open + 1, close - open - 1);
  return *header;
}

std::string dot_stuffed(const std::string& message) {
  std::string out;
  out.reserve(message.size() + 64);
  if (message.starts_with(".")) out += '.';
  for (std::size_t i = 0; i < message.size(); ++i) {
    out += message[i];
    if (message[i] == '\n' && i + 1 < message.size() && message[i + 1] == '.') out += '.';
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

void expect(const Reply& r, int code, const char* what) {
  if (r.code != code) throw std::runtime_error(std::string(what) + " answered " + std::to_string(r.code));
}

}  // namespace

asio::awaitable<void> smtp_worker(const Shared& sh) {
  auto ex = co_await asio::this_coro::executor;
  auto source = sh.make_source();
  asio::ip::tcp::resolver resolver(ex);
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  std::string buf;

  while (auto seq = co_await sh.pacer->take()) {
    auto artifact = source(*seq);
    const auto t0 = Clock::now();
    Outcome o;
    std::string response;
    try {
      if (!stream) {
        stream.emplace(ex, *sh.tls);
        buf.clear();
        auto& plain = stream->next_layer();
        plain.expires_after(sh.timeout());
        const auto endpoints =
            co_await resolver.async_resolve(sh.target.host, std::to_string(sh.target.port), use_awaitable);
        co_await plain.async_connect(endpoints, use_awaitable);
        expect(co_await read_reply(plain, buf), 220, "greeting");
        const auto ehlo = co_await command(plain, buf, "EHLO load.tlsrpt-lab.test");
        expect(ehlo, 250, "EHLO");
        if (ehlo.text.find("STARTTLS") == std::string::npos) throw std::runtime_error("server did not offer STARTTLS");
        expect(co_await command(plain, buf, "STARTTLS"), 220, "STARTTLS");
        buf.clear();
        SSL_ctrl(stream->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(sh.target.host.c_str()));  // SSL_set_tlsext_host_name, without its C cast
        if (!sh.options.insecure) stream->set_verify_callback(asio::ssl::host_name_verification(sh.target.host));
        co_await stream->async_handshake(asio::ssl::stream_base::client, use_awaitable);
        expect(co_await command(*stream, buf, "EHLO load.tlsrpt-lab.test"), 250, "EHLO after STARTTLS");
      }
      auto& s = *stream;
      beast::get_lowest_layer(s).expires_after(sh.timeout());
      const auto from = address_in(header_value(artifact.bytes, "From"), "tlsrpt@sender.example");
      const auto to = address_in(header_value(artifact.bytes, "To"), "tlsrpt@receiver.example");
      Reply r = co_await command(s, buf, "MAIL FROM:<" + from + ">");
      if (r.code == 250) r = co_await command(s, buf, "RCPT TO:<" + to + ">");
      if (r.code == 250 || r.code == 251) r = co_await command(s, buf, "DATA");
      if (r.code == 354) {
        co_await asio::async_write(s, asio::buffer(dot_stuffed(artifact.bytes)), use_awaitable);
        r = co_await read_reply(s, buf);
      } else {
        co_await command(s, buf, "RSET");
      }
      o.status = r.code;
      o.accepted = r.code == 250;
      response = r.text.substr(0, r.text.empty() ? 0 : r.text.size() - 1);
    } catch (const std::exception& e) {
      o.error = e.what();
      stream.reset();
    }
    o.latency = Clock::now() - t0;
    sh.finish(*seq, artifact, std::move(o), std::move(response));
  }
  if (stream) {
    try {
      beast::get_lowest_layer(*stream).expires_after(sh.timeout());
      co_await command(*stream, buf, "QUIT");
    } catch (const std::exception&) {
    }
  }
}

}  // namespace tlsrpt::gen::load
