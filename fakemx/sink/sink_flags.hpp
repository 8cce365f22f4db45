// The report sink's command-line flags (`tlsrpt-lab mx --sink DIR ...`): where it stores, whether
// it also takes HTTPS, which DKIM keys it trusts and which validation profile it applies.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/util/virtual_clock.hpp"
#include "fakemx/sink/sink.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::fakemx::pki {
class Authority;
}

namespace tlsrpt::fakemx::sink {

struct SinkFlags {
  std::string dir;                     // --sink
  std::string https;                   // --sink-https NAME=127.x.y.z[:PORT]
  std::vector<std::string> dkim_keys;  // --dkim-key SELECTOR._domainkey.DOMAIN=FILE (repeatable)
  std::string dkim_dns;                // --dkim-dns 127.x.y.z[:PORT]
  std::string profile = "strict";      // --profile strict|lenient
};

void add_sink_flags(CLI::App& app, SinkFlags& flags);

// The sink the flags describe, started, its listeners and DKIM trust printed to `out`; nullptr
// without --sink. Throws std::invalid_argument (a sentence for the user) when flags do not fit.
std::unique_ptr<Sink> start_sink(const SinkFlags& flags, const pki::Authority& authority, UnixSeconds now,
                                 std::ostream& out);

}  // namespace tlsrpt::fakemx::sink
