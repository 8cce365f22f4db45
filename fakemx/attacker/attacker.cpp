#include "fakemx/attacker/attacker.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace tlsrpt::fakemx::attacker {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Shared {
  AttackerConfig config;
  std::atomic<AttackMode> mode;
  std::atomic<std::uint64_t> connections{0}, tampered{0}, upstream_failures{0}, active{0};
  explicit Shared(AttackerConfig c) : config(std::move(c)), mode(config.mode) {}
};

// One relayed connection: client <-> attacker <-> MX, with the filter in the middle.
class Relay : public std::enable_shared_from_this<Relay> {
 public:
  Relay(tcp::socket client, std::shared_ptr<Shared> shared)
      : client_(std::move(client)),
        server_(client_.get_executor()),
        timer_(client_.get_executor()),
        shared_(std::move(shared)),
        filter_(shared_->mode.load()),
        to_client_(&client_),
        to_server_(&server_) {
    ++shared_->active;
  }
  ~Relay() { --shared_->active; }

  void start() {
    touch();
    watch_idle();
    const tcp::endpoint upstream(asio::ip::make_address(shared_->config.upstream_address),
                                 shared_->config.upstream_port);
    server_.async_connect(upstream, [self = shared_from_this()](error_code ec) {
      if (ec) {
        ++self->shared_->upstream_failures;
        return self->close();
      }
      self->touch();
      self->pump(self->client_, self->client_buffer_, true);
      self->pump(self->server_, self->server_buffer_, false);
    });
  }

  void close() {
    error_code ignored;
    closed_ = true;
    timer_.cancel();
    client_.close(ignored);
    server_.close(ignored);
    // The waiters hold this relay; a write that failed never drains them, so drop them here or the
    // relay keeps itself alive.
    to_client_.on_drained.clear();
    to_server_.on_drained.clear();
  }

  asio::any_io_executor executor() { return client_.get_executor(); }

 private:
  struct Outbox {
    explicit Outbox(tcp::socket* s) : socket(s) {}
    tcp::socket* socket;
    std::deque<std::string> queue;
    bool writing = false;
    std::vector<std::function<void()>> on_drained;
  };

  void touch() { last_activity_ = Clock::now(); }

  void watch_idle() {
    timer_.expires_at(last_activity_ + shared_->config.io_timeout);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (ec || self->closed_) return;
      if (Clock::now() >= self->last_activity_ + self->shared_->config.io_timeout) return self->close();
      self->watch_idle();
    });
  }

  // Reads one side, filters, queues the results, and reads on once both queues have drained
  // (so a slow reader on either side bounds how much the relay buffers).
  void pump(tcp::socket& from, std::array<char, 16384>& buffer, bool from_client) {
    from.async_read_some(asio::buffer(buffer), [self = shared_from_this(), &from, &buffer, from_client](
                                                   error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->touch();
      StarttlsFilter::Output out;
      const std::string_view bytes(buffer.data(), n);
      from_client ? self->filter_.from_client(bytes, out) : self->filter_.from_server(bytes, out);
      if (self->filter_.tampered() && !self->counted_tamper_) {
        self->counted_tamper_ = true;
        ++self->shared_->tampered;
      }
      if (out.close) return self->close();
      self->send(self->to_client_, std::move(out.to_client));
      self->send(self->to_server_, std::move(out.to_server));
      self->after_drained([self, &from, &buffer, from_client] { self->pump(from, buffer, from_client); });
    });
  }

  void after_drained(std::function<void()> then) {
    Outbox* pending = nullptr;
    for (Outbox* box : {&to_client_, &to_server_})
      if (box->writing) pending = box;
    if (!pending) return then();
    pending->on_drained.push_back([self = shared_from_this(), then = std::move(then)] { self->after_drained(then); });
  }

  void send(Outbox& box, std::string bytes) {
    if (bytes.empty()) return;
    box.queue.push_back(std::move(bytes));
    if (!box.writing) write_next(box);
  }

  void write_next(Outbox& box) {
    if (box.queue.empty()) {
      box.writing = false;
      auto waiters = std::move(box.on_drained);
      box.on_drained.clear();
      for (auto& w : waiters) w();
      return;
    }
    box.writing = true;
    asio::async_write(*box.socket, asio::buffer(box.queue.front()),
                      [self = shared_from_this(), &box](error_code ec, std::size_t) {
                        if (ec) return self->close();
                        self->touch();
                        box.queue.pop_front();
                        self->write_next(box);
                      });
  }

  tcp::socket client_;
  tcp::socket server_;
  asio::steady_timer timer_;
  std::shared_ptr<Shared> shared_;
  StarttlsFilter filter_;
  Outbox to_client_, to_server_;
  std::array<char, 16384> client_buffer_{}, server_buffer_{};
  Clock::time_point last_activity_;
  bool closed_ = false;
  bool counted_tamper_ = false;
};

}  // namespace

struct Attacker::Impl {
  explicit Impl(AttackerConfig config)
      : shared(std::make_shared<Shared>(std::move(config))), guard(io.get_executor()), acceptor(io) {
    port = shared->config.listen_port;
    bind();
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    stop();
    guard.reset();
    io.stop();
    thread.join();
  }

  // Runs `fn` on the I/O thread and waits for it.
  void on_io(std::function<void()> fn) {
    std::promise<void> done;
    asio::post(io, [&] {
      fn();
      done.set_value();
    });
    done.get_future().wait();
  }

  void bind() {
    const tcp::endpoint endpoint(asio::ip::make_address(shared->config.listen_address), port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    port = acceptor.local_endpoint().port();
    running = true;
    accept();
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) {
        ++shared->connections;
        if (shared->active >= shared->config.max_connections) {
          error_code ignored;
          socket.close(ignored);
        } else {
          auto relay = std::make_shared<Relay>(std::move(socket), shared);
          std::lock_guard lock(mutex);
          std::erase_if(relays, [](const auto& w) { return w.expired(); });
          relays.push_back(relay);
          asio::post(relay->executor(), [relay] { relay->start(); });
        }
      }
      accept();
    });
  }

  void stop() {
    on_io([this] {
      error_code ignored;
      acceptor.close(ignored);
      running = false;
      std::lock_guard lock(mutex);
      for (auto& weak : relays)
        if (auto relay = weak.lock()) asio::post(relay->executor(), [relay] { relay->close(); });
      relays.clear();
    });
  }

  void start() {
    std::exception_ptr failure;
    on_io([&] {
      if (running) return;
      try {
        bind();
      } catch (...) {
        failure = std::current_exception();
      }
    });
    if (failure) std::rethrow_exception(failure);
  }

  std::shared_ptr<Shared> shared;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> guard;
  tcp::acceptor acceptor;
  std::atomic<std::uint16_t> port{0};
  std::atomic<bool> running{false};
  std::mutex mutex;
  std::vector<std::weak_ptr<Relay>> relays;
  std::thread thread;
};

// Binding happens before the I/O thread starts, so a bad address is an exception right here.
Attacker::Attacker(AttackerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

Attacker::~Attacker() = default;

const std::string& Attacker::address() const { return impl_->shared->config.listen_address; }
std::uint16_t Attacker::port() const { return impl_->port; }
void Attacker::set_mode(AttackMode mode) { impl_->shared->mode = mode; }
AttackMode Attacker::mode() const { return impl_->shared->mode; }
void Attacker::stop() { impl_->stop(); }
void Attacker::start() { impl_->start(); }
bool Attacker::running() const { return impl_->running; }

AttackerStats Attacker::stats() const {
  return {impl_->shared->connections.load(), impl_->shared->tampered.load(),
          impl_->shared->upstream_failures.load()};
}

}  // namespace tlsrpt::fakemx::attacker
