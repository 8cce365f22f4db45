#include <utility>  // first: Asio 1.74's awaitable.hpp uses std::exchange without it

#include "generators/load/load_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <condition_variable>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "core/util/file_text.hpp"
#include "generators/load/worker.hpp"
#include "generators/transport/connection.hpp"

namespace tlsrpt::gen::load {

namespace asio = boost::asio;

asio::awaitable<std::optional<std::uint64_t>> Pacer::take() {
  const auto seq = next_.fetch_add(1);
  if (seq >= count_ || (stop_ && Clock::now() >= *stop_)) co_return std::nullopt;
  if (rate_ > 0) {
    const auto due = start_ + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(static_cast<double>(seq) / rate_));
    if (stop_ && due >= *stop_) co_return std::nullopt;
    if (due > Clock::now()) {
      asio::steady_timer timer(co_await asio::this_coro::executor, due);
      co_await timer.async_wait(asio::use_awaitable);
    }
  }
  co_return seq;
}

void Shared::finish(std::uint64_t seq, const Artifact& a, Outcome o, std::string response) const {
  stats->record(o);
  ledger->write(LedgerEntry{seq, a.index, a.report_id, a.path, std::move(o), std::move(response)});
}

namespace {

std::string read_file(const std::string& path) {
  auto bytes = read_whole_file(path);
  if (!bytes) throw std::invalid_argument("cannot read " + path);
  return std::move(*bytes);
}

Format format_for(Scheme s) {
  return (s == Scheme::smtp || s == Scheme::maildir) ? Format::eml : Format::json_gz;
}

std::string media_type_of(const std::string& bytes, const std::string& path, Scheme scheme) {
  if (scheme == Scheme::smtp || scheme == Scheme::maildir || path.ends_with(".eml")) return "message/rfc822";
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b)
    return "application/tlsrpt+gzip";
  return "application/tlsrpt+json";
}

}  // namespace

LoadResult run_load(const LoadOptions& options, const GenerationProfile& profile, const std::vector<std::string>& chain) {
  if (options.concurrency < 1 || options.concurrency > 10000) throw std::invalid_argument("--concurrency must be 1..10000");
  if (options.threads < 1 || options.threads > 64) throw std::invalid_argument("--threads must be 1..64");
  if (options.rate < 0) throw std::invalid_argument("--rate must be >= 0");
  if (options.timeout_seconds <= 0) throw std::invalid_argument("--timeout must be > 0");
  LoadResult result;
  const auto target = parse_target(options.target, options.address);
  result.warning = check_loopback(target, options.allow_remote);
  if (!result.warning.empty()) std::cerr << "\n*** " << result.warning << " ***\n\n";

  auto tls = transport::make_client_context({options.cacert, options.insecure});

  FactoryOptions fo;
  fo.format = format_for(target.scheme);
  fo.chain = chain;
  fo.signer = options.signer;
  std::uint64_t count = options.count;
  std::function<ArtifactSource()> make_source;
  std::vector<std::string> files = options.files;
  if (!files.empty()) {
    make_source = [files, scheme = target.scheme]() -> ArtifactSource {
      return [files, scheme](std::uint64_t seq) {
        Artifact a;
        a.index = seq % files.size();
        a.path = files[a.index];
        a.bytes = read_file(a.path);
        a.media_type = media_type_of(a.bytes, a.path, scheme);
        a.path = std::filesystem::path(a.path).filename().string();
        return a;
      };
    };
  } else {
    ReportFactory probe(profile, fo);  // validates profile and chain up front
    make_source = [profile, fo]() -> ArtifactSource {
      auto factory = std::make_shared<ReportFactory>(profile, fo);
      return [factory](std::uint64_t seq) { return factory->make(seq); };
    };
  }

  LoadStats stats;
  Ledger ledger(options.ledger);
  const auto start = Clock::now();
  std::optional<Clock::time_point> stop;
  if (options.duration_seconds > 0)
    stop = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.duration_seconds));
  Pacer pacer(count, options.rate, start, stop);
  Shared shared{target, options, &tls, &pacer, &stats, &ledger, make_source};

  asio::io_context io(options.threads);
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mu;
  for (int i = 0; i < options.concurrency; ++i) {
    auto worker = target.scheme == Scheme::https  ? https_worker(shared)
                  : target.scheme == Scheme::smtp ? smtp_worker(shared)
                                                  : drop_worker(shared);
    asio::co_spawn(asio::make_strand(io), std::move(worker), [&](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        std::lock_guard lock(failure_mu);
        if (failures++ == 0) first_failure = ex.what();
      }
    });
  }

  std::mutex live_mu;
  std::condition_variable live_cv;
  bool done = false;
  std::thread live;
  if (options.live) {
    live = std::thread([&] {
      std::unique_lock lock(live_mu);
      while (!live_cv.wait_for(lock, std::chrono::seconds(1), [&] { return done; })) {
        const auto elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        std::cerr << "\r" << live_line(stats.snapshot(), elapsed) << "   " << std::flush;
      }
    });
  }
  std::vector<std::thread> pool;
  for (int i = 1; i < options.threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  {
    std::lock_guard lock(live_mu);
    done = true;
  }
  live_cv.notify_all();
  if (live.joinable()) {
    live.join();
    std::cerr << '\n';
  }
  ledger.flush();
  if (failures > 0) throw std::runtime_error("a load worker failed: " + first_failure);

  result.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.stats = stats.snapshot();
  result.summary_json = summary_json(result.stats, result.elapsed_seconds, options.target, profile.seed);
  return result;
}

}  // namespace tlsrpt::gen::load
