#include "fakemx/smtp/session.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string>

#include "fakemx/smtp/protocol.hpp"
#include "fakemx/smtp/transcript.hpp"

namespace tlsrpt::fakemx::smtp::detail {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string peer_of(const tcp::socket& socket) {
  error_code ec;
  const auto ep = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<HostState> host, std::string peer)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        host_(std::move(host)),
        start_(host_->begin_session()),
        session_end_(Clock::now() + host_->config.session_limit),
        protocol_(host_->config.hostname, host_->config.limits, start_.plan.starttls, start_.hook, peer),
        transcript_(host_->config.transcript_dir, host_->config.hostname + "-" + std::to_string(start_.id)) {
    ++host_->active;
    error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);  // replies are small; never wait for Nagle
    if (transcript_.enabled())
      transcript_.note("session " + std::to_string(start_.id) + " from " + peer +
                       (start_.fault ? " (fault: " + std::string(start_.fault->name()) + ")" : ""));
  }

  ~Session() { --host_->active; }

  void start() {
    if (host_->active > host_->config.max_connections) {
      ++host_->refused;
      send(Reply{421, "4.7.0 " + host_->config.hostname + " Error: too many connections"}.wire(),
           [this] { close(); });
      return;
    }
    send(protocol_.greeting(), [this] { read(); });
  }

 private:
  // The deadline of the next operation: its own timeout, but never past the end of the session.
  // Arming only records the time; one timer per session wakes up when the earliest deadline may
  // have passed and checks (re-arming an Asio timer for every read and write costs syscalls).
  void arm_deadline() {
    deadline_ = std::min(Clock::now() + host_->config.io_timeout, session_end_);
    armed_ = true;
    if (!timer_waiting_) wait_for(deadline_);
  }
  void disarm() { armed_ = false; }

  void wait_for(Clock::time_point when) {
    timer_waiting_ = true;
    timer_.expires_at(when);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      self->timer_waiting_ = false;
      if (ec || self->closed_) return;
      // Between operations only the whole-session limit applies.
      const auto due = self->armed_ ? self->deadline_ : self->session_end_;
      if (Clock::now() >= due) {
        self->transcript_.note("deadline passed, closing");
        return self->close();
      }
      self->wait_for(due);  // the operation in flight was armed after this wait began
    });
  }

  void send(std::string bytes, std::function<void()> then) {
    transcript_.server(bytes);
    out_ = std::move(bytes);
    arm_deadline();
    auto done = [self = shared_from_this(), then = std::move(then)](error_code ec, std::size_t) {
      self->disarm();
      if (ec) return self->close();
      then();
    };
    if (tls_) {
      asio::async_write(*tls_, asio::buffer(out_), std::move(done));
    } else {
      asio::async_write(socket_, asio::buffer(out_), std::move(done));
    }
  }

  void read() {
    arm_deadline();
    auto done = [self = shared_from_this()](error_code ec, std::size_t n) {
      self->disarm();
      if (ec) return self->close();
      self->on_input(n);
    };
    if (tls_) {
      tls_->async_read_some(asio::buffer(in_), std::move(done));
    } else {
      socket_.async_read_some(asio::buffer(in_), std::move(done));
    }
  }

  void on_input(std::size_t n) {
    const std::string_view input(in_.data(), n);
    transcript_.client(input);
    std::string out;
    const Protocol::Next next = protocol_.feed(input, out);
    host_->messages += protocol_.messages_accepted() - messages_counted_;
    messages_counted_ = protocol_.messages_accepted();
    auto then = [this, next] {
      switch (next) {
        case Protocol::Next::read: return read();
        case Protocol::Next::start_tls: return begin_tls();
        case Protocol::Next::close: return finish();
      }
    };
    if (out.empty()) return then();
    send(std::move(out), std::move(then));
  }

  void begin_tls() {
    switch (start_.plan.after_ready) {
      case AfterReady::stall:
        transcript_.note("not starting the handshake (fault)");
        // The deadline closes the connection; nothing is ever read or written again.
        return arm_deadline();
      case AfterReady::abort:
        transcript_.note("will abort the handshake (fault)");
        arm_deadline();
        socket_.async_read_some(asio::buffer(in_), [self = shared_from_this()](error_code, std::size_t) {
          self->disarm();
          ++self->host_->tls_failures;
          self->close();
        });
        return;
      case AfterReady::handshake: break;
    }
    ssl::context context(start_.tls->new_reference());
    tls_.emplace(socket_, context);
    // Asio asks OpenSSL to free its record buffers whenever they run empty; for a short session
    // that is a 16 KiB allocation and free per record. Keep them for the session's life instead.
    SSL_clear_mode(tls_->native_handle(), SSL_MODE_RELEASE_BUFFERS);
    arm_deadline();
    tls_->async_handshake(ssl::stream_base::server, [self = shared_from_this()](error_code ec) {
      self->disarm();
      if (ec) {
        ++self->host_->tls_failures;
        self->transcript_.note("TLS handshake failed: " + ec.message());
        return self->close();
      }
      ++self->host_->tls_handshakes;
      if (self->transcript_.enabled())
        self->transcript_.note(std::string("TLS established: ") + SSL_get_version(self->tls_->native_handle()) +
                               " " + SSL_get_cipher_name(self->tls_->native_handle()));
      self->protocol_.tls_established();
      self->read();
    });
  }

  // After QUIT: a TLS close_notify when TLS is up, then the TCP close. As Postfix's smtpd, the
  // server does not wait for the client's close_notify: with the receiving side shut, the
  // shutdown's read ends at once instead of a wake-up later for bytes nobody needs.
  void finish() {
    if (!tls_) return close();
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_receive, ignored);
    arm_deadline();
    tls_->async_shutdown([self = shared_from_this()](error_code) {
      self->disarm();
      self->close();
    });
  }

  void close() {
    error_code ignored;
    closed_ = true;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  std::optional<ssl::stream<tcp::socket&>> tls_;
  asio::steady_timer timer_;
  Clock::time_point deadline_{};
  bool armed_ = false;          // an operation is in flight and deadline_ applies to it
  bool timer_waiting_ = false;  // timer_ has a wait pending
  bool closed_ = false;
  std::size_t messages_counted_ = 0;
  std::shared_ptr<HostState> host_;
  HostState::SessionStart start_;
  Clock::time_point session_end_;
  Protocol protocol_;
  Transcript transcript_;
  std::array<char, 16 * 1024> in_{};
  std::string out_;
};

}  // namespace

void run_session(tcp::socket socket, std::shared_ptr<HostState> host) {
  std::string peer = peer_of(socket);
  std::make_shared<Session>(std::move(socket), std::move(host), std::move(peer))->start();
}

}  // namespace tlsrpt::fakemx::smtp::detail
