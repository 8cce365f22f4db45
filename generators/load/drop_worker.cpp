// Directory and maildir drops: the receiver is a program that watches a folder.
#include <utility>  // first: Asio 1.74's awaitable.hpp uses std::exchange without it

#include <unistd.h>

#include <boost/asio/this_coro.hpp>

#include <filesystem>
#include <fstream>

#include "generators/load/worker.hpp"

namespace tlsrpt::gen::load {

namespace fs = std::filesystem;

boost::asio::awaitable<void> drop_worker(const Shared& sh) {
  auto source = sh.make_source();
  const fs::path root = sh.target.dir;
  const bool maildir = sh.target.scheme == Scheme::maildir;
  while (auto seq = co_await sh.pacer->take()) {
    auto artifact = source(*seq);
    const auto t0 = Clock::now();
    Outcome o;
    std::string response;
    try {
      fs::path final_path;
      fs::path write_path;
      if (maildir) {  // write in tmp/, then rename into new/ (the maildir delivery protocol)
        const auto unique = std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "." +
                            std::to_string(*seq) + "_" + std::to_string(::getpid()) + ".tlsrpt-lab";
        write_path = root / "tmp" / unique;
        final_path = root / "new" / unique;
        fs::create_directories(root / "tmp");
        fs::create_directories(root / "new");
        fs::create_directories(root / "cur");
      } else {
        final_path = write_path = root / artifact.path;
        fs::create_directories(final_path.parent_path());
      }
      {
        std::ofstream out(write_path, std::ios::binary | std::ios::trunc);
        out.write(artifact.bytes.data(), static_cast<std::streamsize>(artifact.bytes.size()));
        if (!out) throw std::runtime_error("cannot write " + write_path.string());
      }
      if (maildir) fs::rename(write_path, final_path);
      o.accepted = true;
      response = final_path.string();
    } catch (const std::exception& e) {
      o.error = e.what();
    }
    o.latency = Clock::now() - t0;
    sh.finish(*seq, artifact, std::move(o), std::move(response));
  }
}

}  // namespace tlsrpt::gen::load
