#include "fakemx/smtp/mx_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "fakemx/smtp/host_state.hpp"
#include "fakemx/smtp/session.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;

// One io_context per I/O thread, sessions dealt out in turn: a session lives on one thread, so its
// handlers need no strand and a client's request wakes that thread alone (one shared io_context
// run by several threads passes completions between them, a futex wake-up each time).
class IoPool {
 public:
  explicit IoPool(unsigned threads) {
    for (unsigned i = 0; i < std::max(1u, threads); ++i) {
      contexts_.push_back(std::make_unique<asio::io_context>(1));
      guards_.emplace_back(contexts_.back()->get_executor());
    }
    for (auto& io : contexts_) workers_.emplace_back([&io = *io] { io.run(); });
  }
  ~IoPool() { stop(); }

  asio::io_context& first() { return *contexts_.front(); }
  asio::io_context& next() { return *contexts_[next_++ % contexts_.size()]; }

  void stop() {
    for (auto& g : guards_) g.reset();
    for (auto& io : contexts_) io->stop();
    for (auto& t : workers_)
      if (t.joinable()) t.join();
  }

 private:
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
  std::vector<std::thread> workers_;
  std::atomic<std::size_t> next_{0};
};

// Accepts connections for one host and hands each to a session on the next I/O thread.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(IoPool& pool, std::shared_ptr<detail::HostState> host)
      : pool_(pool), acceptor_(pool.first()), retry_(pool.first()), host_(std::move(host)) {
    const tcp::endpoint endpoint(asio::ip::make_address(host_->config.address), host_->config.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    host_->bound_port = acceptor_.local_endpoint().port();
  }

  void accept() {
    acceptor_.async_accept(pool_.next(), [self = shared_from_this()](error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
      if (ec) {  // e.g. out of file descriptors: back off briefly instead of spinning
        self->retry_.expires_after(std::chrono::milliseconds(50));
        self->retry_.async_wait([self](error_code wait_ec) {
          if (!wait_ec) self->accept();
        });
        return;
      }
      // The session starts on its own thread, never beside its first completion on another.
      auto executor = socket.get_executor();
      asio::post(executor, [socket = std::move(socket), host = self->host_]() mutable {
        detail::run_session(std::move(socket), std::move(host));
      });
      self->accept();
    });
  }

  void close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
    });
  }

 private:
  IoPool& pool_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;
  std::shared_ptr<detail::HostState> host_;
};

}  // namespace

struct MxServer::Impl {
  explicit Impl(unsigned threads) : pool(std::make_unique<IoPool>(threads)) {}

  std::mutex mutex;
  std::unique_ptr<IoPool> pool;
  std::vector<std::shared_ptr<Listener>> listeners;
  std::vector<std::shared_ptr<detail::HostState>> hosts;
  bool stopped = false;
};

MxServer::MxServer(unsigned io_threads) : impl_(std::make_unique<Impl>(io_threads)) {}

MxServer::~MxServer() { stop(); }

MxHost MxServer::add_host(MxHostConfig config) {
  if (config.hostname.empty()) throw std::invalid_argument("an MX host needs a name");
  std::lock_guard lock(impl_->mutex);
  if (impl_->stopped) throw std::logic_error("the MX server has stopped");
  auto host = std::make_shared<detail::HostState>(std::move(config));
  auto listener = std::make_shared<Listener>(*impl_->pool, host);  // throws system_error if binding fails
  listener->accept();
  impl_->listeners.push_back(listener);
  impl_->hosts.push_back(host);
  return MxHost(host);
}

std::vector<MxHost> MxServer::hosts() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<MxHost> out;
  for (const auto& h : impl_->hosts) out.push_back(MxHost(h));
  return out;
}

void MxServer::stop() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->stopped) return;
  impl_->stopped = true;
  for (auto& l : impl_->listeners) l->close();
  impl_->pool->stop();
  impl_->listeners.clear();
  impl_->pool.reset();  // destroys pending handlers, and with them every session and its socket
}

const std::string& MxHost::hostname() const { return state_->config.hostname; }
const std::string& MxHost::address() const { return state_->config.address; }
std::uint16_t MxHost::port() const { return state_->bound_port; }

void MxHost::set_credential(std::shared_ptr<const pki::Credential> credential) {
  state_->set_credential(std::move(credential));
}

void MxHost::arm_fault(std::string_view name, FaultTrigger trigger) {
  const TlsFault* fault = find_fault(name);
  if (!fault) throw std::invalid_argument("unknown MX fault: " + std::string(name));
  std::lock_guard lock(state_->mutex);
  state_->faults.push_back({fault, trigger});
}

void MxHost::arm_credential(std::shared_ptr<const pki::Credential> credential, FaultTrigger trigger) {
  state_->arm_credential(std::move(credential), trigger);
}

void MxHost::clear_faults() {
  std::lock_guard lock(state_->mutex);
  state_->faults.clear();
  state_->credentials.clear();
}

void MxHost::set_message_hook(MessageHook hook) {
  std::lock_guard lock(state_->mutex);
  state_->hook = std::move(hook);
}

HostStats MxHost::stats() const {
  const auto& s = *state_;
  return {s.sessions.load(), s.refused.load(), s.active.load(), s.tls_handshakes.load(),
          s.tls_failures.load(), s.messages.load(), s.faults_fired.load()};
}

std::vector<std::string> fault_names() {
  std::vector<std::string> names;
  for (const TlsFault* f : all_faults()) names.emplace_back(f->name());
  return names;
}

}  // namespace tlsrpt::fakemx::smtp
