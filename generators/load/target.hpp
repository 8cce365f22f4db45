// Where `load` sends reports: https://host[:port]/path, smtp://host[:port] (STARTTLS), dir:PATH or
// maildir:PATH. Only loopback hosts unless the user says --allow-remote.
#pragma once

#include <string>

#include "generators/transport/report_client.hpp"

namespace tlsrpt::gen::load {

enum class Scheme { https, smtp, dir, maildir };

struct Target {
  Scheme scheme = Scheme::https;
  transport::Endpoint endpoint;  // https and smtp
  std::string dir;               // dir and maildir: the drop directory
  std::string text;              // as given
};

// `address` (may be empty) is where to connect instead of resolving the URL's host, which still
// names the TLS server. Throws std::invalid_argument.
Target parse_target(const std::string& text, const std::string& address = {});

// Throws std::invalid_argument when the host (or the address given) does not resolve only to
// loopback addresses and `allow_remote` is false. Returns a warning sentence (empty if none) to
// print loudly otherwise.
std::string check_loopback(const Target& target, bool allow_remote);

}  // namespace tlsrpt::gen::load
