// The sockets: UDP on N threads (one SO_REUSEPORT socket each) and TCP on one more, all feeding
// Engine::handle(). Binds in the constructor, stops and joins in the destructor.
#pragma once

#include <cstdint>
#include <memory>

#include "fakedns/engine.hpp"

namespace tlsrpt::fakedns::detail {

class Network {
 public:
  Network(Engine& engine, const ServerOptions& options);  // throws std::runtime_error
  ~Network();
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;
  std::uint16_t port() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::fakedns::detail
